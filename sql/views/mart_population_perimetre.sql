-- titre: Population par périmètre, sexe et âge détaillé
-- description: Population au 1er janvier de chaque année de recensement, sommée des communes au
--   périmètre choisi (commune, EPCI, département, territoire).
-- grain: une ligne par niveau, code de périmètre, année, sexe, âge (0 à 100, 100 = 100 ans et plus)
-- unite: habitants
-- source: INSEE, recensement de la population (table population)
create or replace view mart_population_perimetre as
with

final as (
    select
        perimetres.niveau,
        perimetres.code_perimetre,
        any_value(perimetres.nom_perimetre) as nom_perimetre,
        population.annee,
        population.sexe,
        population.age,
        sum(population.population) as population
    from population
    inner join int_commune__perimetres as perimetres
        on perimetres.code_commune = population.code_commune
    group by all
)

select * from final
