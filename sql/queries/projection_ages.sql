-- Projected population by single age (both sexes), every scenario, up to the horizon (households).
select scenario, annee, age, sum(population) as population
from mart_projection_perimetre
where niveau = $niveau and code_perimetre = $code and annee <= $horizon
group by all
order by scenario, annee, age
