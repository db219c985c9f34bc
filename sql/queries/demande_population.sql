-- Population projetée d'un périmètre par âge détaillé (deux sexes réunis), pour un scénario :
-- l'entrée de models.demande.calculer_demande.
select
    scenario,
    annee,
    age,
    sum(population) as population
from mart_projection_perimetre
where niveau = $niveau and code_perimetre = $code and scenario = $scenario
group by all
order by annee, age
