-- Population projetée par sexe et âge détaillé une année donnée, pour un scénario (pyramide
-- projetée).
select sexe, age, population
from mart_projection_perimetre
where niveau = $niveau and code_perimetre = $code and scenario = $scenario and annee = $annee
order by sexe, age
