-- Population by sex and single age in a given year (age pyramid).
select sexe, age, population
from mart_population_perimetre
where niveau = $niveau and code_perimetre = $code and annee = $annee
order by sexe, age
