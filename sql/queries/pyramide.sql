-- Population par sexe et âge détaillé une année donnée (pyramide des âges).
select sexe, age, population
from mart_population_perimetre
where niveau = $niveau and code_perimetre = $code and annee = $annee
order by sexe, age
