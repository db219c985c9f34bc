-- titre: Chiffres clés par périmètre et année de recensement
-- description: Population totale, enfants de moins de 3 ans, personnes de 75 ans ou plus et
--   leurs parts, naissances et décès de l'année, pour la page d'accueil et les comparaisons.
-- grain: une ligne par niveau, code de périmètre, année de recensement
-- unite: habitants ; parts en fraction (0,034 = 3,4 %)
-- source: INSEE, recensement de la population et état civil (tables population, naissance, deces)
create or replace view mart_indicateurs_cles as
with

population as (
    select
        niveau,
        code_perimetre,
        any_value(nom_perimetre) as nom_perimetre,
        annee,
        sum(population) as population,
        sum(population) filter (where age <= 2) as population_0_2,
        sum(population) filter (where age >= 75) as population_75_plus
    from mart_population_perimetre
    group by all
),

final as (
    select
        population.niveau,
        population.code_perimetre,
        population.nom_perimetre,
        population.annee,
        population.population,
        population.population_0_2,
        population.population_75_plus,
        population.population_0_2 / nullif(population.population, 0) as part_0_2,
        population.population_75_plus / nullif(population.population, 0) as part_75_plus,
        evenements.naissances,
        evenements.deces
    from population
    left join mart_naissances_deces as evenements using (niveau, code_perimetre, annee)
)

select * from final
