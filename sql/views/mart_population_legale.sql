-- titre: Populations légales par périmètre
-- description: Population municipale, comptée à part et totale de chaque millésime des populations
--   légales (et des séries historiques du recensement), sommée des communes au périmètre choisi.
--   Aucun détail par sexe ni âge : il vient du recensement par sexe et âge (table population).
-- grain: une ligne par niveau, code de périmètre et année de recensement
-- unite: habitants
-- source: INSEE, populations légales des communes (table population_legale)
create or replace view mart_population_legale as
with

sommes as (
    select
        perimetres.niveau,
        perimetres.code_perimetre,
        population_legale.annee,
        sum(population_legale.population_municipale) as population_municipale,
        sum(population_legale.population_comptee_a_part) as population_comptee_a_part,
        sum(population_legale.population_totale) as population_totale,
        count(*) as communes_renseignees
    from population_legale
    inner join int_commune__perimetres as perimetres
        on perimetres.code_commune = population_legale.code_commune
    group by all
),

final as (
    -- Le nom du périmètre, et son nombre de communes à côté de celles qui ont un chiffre.
    select
        sommes.*,
        perimetre.nom_perimetre,
        perimetre.nombre_communes
    from sommes
    inner join int_perimetres as perimetre using (niveau, code_perimetre)
)

select * from final
