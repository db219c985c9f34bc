-- Les fichiers sources des contours et des populations légales des communes d'un périmètre (pour
-- la carte).
with

communes as (
    select code_commune
    from int_commune__perimetres
    where niveau = $niveau and code_perimetre = $code
),

utilisees as (
    select id_source from commune_geo where code_commune in (select code_commune from communes)
    union
    select id_source from population_legale
    where code_commune in (select code_commune from communes)
)

select distinct
    source.editeur,
    source.titre,
    source.millesime,
    source.licence,
    source.fichier
from source
where source.id_source in (select id_source from utilisees)
order by source.editeur, source.titre
