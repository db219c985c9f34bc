-- Population projetée d'un périmètre par groupe d'âge des services pour un scénario, jusqu'à
-- l'horizon.
select annee, rang, groupe_age, population, bas_80, haut_80, bas_95, haut_95
from mart_projection_groupe_age
where niveau = $niveau and code_perimetre = $code and scenario = $scenario and annee <= $horizon
order by rang, annee
