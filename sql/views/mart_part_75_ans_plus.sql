-- titre: Part des personnes de 75 ans ou plus, par commune
-- description: Part des habitants âgés de 75 ans ou plus au 1er janvier de chaque année de
--   recensement ; repère le vieillissement et les besoins d'aide à domicile et d'EHPAD.
--   Indicateur cartographiable (colonnes code_commune, annee, valeur).
-- grain: une ligne par commune et année de recensement
-- unite: % des habitants
-- source: INSEE, recensement de la population (table population)
create or replace view mart_part_75_ans_plus as
with

population as (
    select
        code_commune,
        annee,
        sum(population) as population,
        sum(population) filter (where age >= 75) as population_75_plus
    from population
    group by all
),

final as (
    select
        code_commune,
        annee,
        -- en % des habitants, arrondi au dixième ; null pour une commune sans habitant
        round(100 * coalesce(population_75_plus, 0) / nullif(population, 0), 1) as valeur
    from population
)

select * from final
