-- Bornes simulées à 80 % / 95 % des groupes d'âge des services d'un périmètre (scénario central
-- seulement ; les autres scénarios ne renvoient aucune ligne), avec les âges de chaque groupe.
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
