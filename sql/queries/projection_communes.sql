-- Population projetée de chaque commune d'un périmètre pour un scénario, jusqu'à l'horizon : le
-- total et les groupes d'âge des services, avec leurs bornes à 80 % (une ligne par commune, année,
-- groupe d'âge) ; la feuille par commune du classeur (issue 18).
with communes as (
    select code_commune
    from int_commune__perimetres
    where niveau = $niveau and code_perimetre = $code
)

select
    code_perimetre as code_commune,
    annee,
    rang,
    groupe_age,
    population,
    bas_80,
    haut_80
from mart_projection_groupe_age
where niveau = 'commune'
    and scenario = $scenario
    and annee <= $horizon
    and code_perimetre in (select code_commune from communes)
order by code_commune, rang, annee
