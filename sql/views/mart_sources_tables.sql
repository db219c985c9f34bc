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
    union all
    select 'territoire', id_source, count(*) from territoire group by all
    union all
    select 'departement', id_source, count(*) from departement group by all
    union all
    select 'departement_geo', id_source, count(*) from departement_geo group by all
    union all
    select 'commune_mouvement', id_source, count(*) from commune_mouvement group by all
    union all
    select 'commune_rattachement', id_source, count(*) from commune_rattachement group by all
    union all
    select 'population_legale', id_source, count(*) from population_legale group by all
    union all
    select 'etat_civil_commune', id_source, count(*) from etat_civil_commune group by all
    union all
    select 'etat_civil_periode', id_source, count(*) from etat_civil_periode group by all
    union all
    select 'population_departement', id_source, count(*) from population_departement group by all
    union all
    select 'parametre_national', id_source, count(*) from parametre_national group by all
    union all
    select 'serie_insee', id_source, count(*) from serie_insee group by all
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
        source.origine,
        lignes.lignes
    from lignes
    inner join source on source.id_source = lignes.id_source
)

select * from final
