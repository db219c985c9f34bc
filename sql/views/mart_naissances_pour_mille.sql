-- titre: Naissances pour 1 000 habitants, par commune
-- description: Taux brut de natalité : naissances de l'année rapportées à la population au
--   1er janvier de la même année de recensement.
--   Indicateur cartographiable (colonnes code_commune, annee, valeur).
-- grain: une ligne par commune et année de recensement
-- unite: naissances pour 1 000 habitants
-- source: INSEE, état civil et recensement de la population (tables naissance, population)
create or replace view mart_naissances_pour_mille as
with

naissances as (
    select code_commune, annee, sum(naissances) as naissances
    from naissance
    group by all
),

population as (
    select code_commune, annee, sum(population) as population
    from population
    group by all
),

final as (
    select
        population.code_commune,
        population.annee,
        -- pour 1 000 habitants, arrondi au dixième
        round(1000 * coalesce(naissances.naissances, 0) / nullif(population.population, 0), 1)
            as valeur
    from population
    left join naissances
        on naissances.code_commune = population.code_commune
        and naissances.annee = population.annee
)

select * from final
