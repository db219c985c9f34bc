-- Population totale projetée d'un périmètre, tous les scénarios, jusqu'à l'horizon (bornes :
-- scénario central seulement).
select scenario, annee, population, bas_80, haut_80, bas_95, haut_95
from mart_projection_groupe_age
where niveau = $niveau and code_perimetre = $code and groupe_age = 'Ensemble' and annee <= $horizon
order by scenario, annee
