-- Projected population of a perimeter by single age (both sexes), for one scenario: the input
-- of models.demande.calculer_demande.
select
    scenario,
    annee,
    age,
    sum(population) as population
from mart_projection_perimetre
where niveau = $niveau and code_perimetre = $code and scenario = $scenario
group by all
order by annee, age
