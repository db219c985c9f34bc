-- titre: Sources de chaque table
-- description: Pour chaque table de données, les fichiers dont ses lignes proviennent, avec
--   l'éditeur, le millésime, la licence et l'empreinte du fichier : la traçabilité de chaque chiffre.
-- grain: une ligne par table et fichier source
-- unite: lignes
-- source: table source, renseignée à chaque import
create or replace view mart_sources_tables as
with

lignes as (
    select 'population' as nom_table, id_source, count(*) as lignes from population group by all
    union all
    select 'naissance', id_source, count(*) from naissance group by all
    union all
    select 'deces', id_source, count(*) from deces group by all
    union all
    select 'commune', id_source, count(*) from commune group by all
    union all
    select 'epci', id_source, count(*) from epci group by all
    union all
    select 'commune_geo', id_source, count(*) from commune_geo group by all
    union all
    select 'equipement', id_source, count(*) from equipement group by all
    union all
    select 'usage_serie', id_source, count(*) from usage_serie group by all
    union all
    select 'usage_observation', id_source, count(*) from usage_observation group by all
),

final as (
    select
        lignes.nom_table,
        source.id_source,
        source.fichier,
        source.editeur,
        source.titre,
        source.millesime,
        source.licence,
        source.url,
        source.sha256,
        source.importe_le,
        lignes.lignes
    from lignes
    inner join source on source.id_source = lignes.id_source
)

select * from final
