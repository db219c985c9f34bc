-- titre: Part projetée des personnes de 75 ans ou plus, par commune et scénario
-- description: Part des habitants âgés de 75 ans ou plus au 1er janvier de chaque année
--   projetée, selon chaque scénario de projection (trajectoire centrale du scénario).
--   Indicateur cartographiable par scénario (colonnes code_commune, annee, valeur, scenario).
-- grain: une ligne par scénario, commune et année projetée
-- unite: % des habitants
-- source: projection Vigie par composantes, à partir du recensement et de l'état civil de l'INSEE (table projection_population)
create or replace view mart_part_75_ans_plus_projetee as
with

population as (
    select
        scenario,
        code_commune,
        annee,
        sum(population) as population,
        sum(population) filter (where age >= 75) as population_75_plus
    from projection_population
    group by all
),

final as (
    select
        scenario,
        code_commune,
        annee,
        -- en % des habitants, arrondi au dixième
        round(100 * coalesce(population_75_plus, 0) / nullif(population, 0), 1) as valeur
    from population
)

select * from final
