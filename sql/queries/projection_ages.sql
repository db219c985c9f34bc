-- Population projetée par âge détaillé (deux sexes réunis), tous les scénarios, jusqu'à l'horizon
-- (pour les ménages).
select scenario, annee, age, sum(population) as population
from mart_projection_perimetre
where niveau = $niveau and code_perimetre = $code and annee <= $horizon
group by all
order by scenario, annee, age
