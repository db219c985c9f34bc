-- titre: Populations légales par périmètre
-- description: Population municipale, comptée à part et totale de chaque millésime des populations
--   légales (et des séries historiques du recensement), sommée des communes au périmètre choisi.
--   Aucun détail par sexe ni âge : il vient du recensement par sexe et âge (table population).
-- grain: une ligne par niveau, code de périmètre et année de recensement
-- unite: habitants
-- source: INSEE, populations légales des communes (table population_legale)
create or replace view mart_population_legale as
with

communes_du_perimetre as (
    select
        niveau,
        code_perimetre,
        any_value(nom_perimetre) as nom_perimetre,
        count(*) as nombre_communes
    from int_commune__perimetres
    group by all
),

final as (
    select
        perimetres.niveau,
        perimetres.code_perimetre,
        any_value(perimetres.nom_perimetre) as nom_perimetre,
        population_legale.annee,
        sum(population_legale.population_municipale) as population_municipale,
        sum(population_legale.population_comptee_a_part) as population_comptee_a_part,
        sum(population_legale.population_totale) as population_totale,
        count(*) as communes_renseignees,
        any_value(communes_du_perimetre.nombre_communes) as nombre_communes
    from population_legale
    inner join int_commune__perimetres as perimetres
        on perimetres.code_commune = population_legale.code_commune
    inner join communes_du_perimetre
        on communes_du_perimetre.niveau = perimetres.niveau
        and communes_du_perimetre.code_perimetre = perimetres.code_perimetre
    group by all
)

select * from final
