-- Simulated 80 % / 95 % bounds of the service age groups of a perimeter (central scenario only;
-- other scenarios return no row), with each group's ages.
select
    scenario,
    annee,
    groupe_age,
    age_min,
    age_max,
    population,
    bas_80,
    haut_80,
    bas_95,
    haut_95
from mart_projection_groupe_age
where niveau = $niveau and code_perimetre = $code and scenario = $scenario
    and bas_80 is not null
order by annee, rang
