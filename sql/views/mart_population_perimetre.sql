-- titre: Population par périmètre, sexe et âge détaillé
-- description: Population au 1er janvier de chaque année de recensement, sommée des communes au
--   périmètre choisi (commune, EPCI, département, territoire).
-- grain: une ligne par niveau, code de périmètre, année, sexe, âge (0 à 100, 100 = 100 ans et plus)
-- unite: habitants
-- source: INSEE, recensement de la population (table population)
create or replace view mart_population_perimetre as
with

final as (
    select *
    from somme_au_perimetre('population', ['annee', 'sexe', 'age'], ['population'])
)

select * from final
