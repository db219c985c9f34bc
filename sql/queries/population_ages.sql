-- Observed population by single age (both sexes) in a census year (households of the base year).
select annee, age, sum(population) as population
from mart_population_perimetre
where niveau = $niveau and code_perimetre = $code and annee = $annee
group by all
order by age
