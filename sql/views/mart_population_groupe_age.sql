-- titre: Population par périmètre et groupe d'âge des services
-- description: Population regroupée selon les âges qui comptent pour les services : petite
--   enfance (0-2), maternelle (3-5), élémentaire (6-10), collège (11-14), lycée (15-17),
--   jeunes adultes, actifs, jeunes retraités, 75-84 et 85 ans et plus.
-- grain: une ligne par niveau, code de périmètre, année, groupe d'âge
-- unite: habitants
-- source: INSEE, recensement de la population (table population) ; groupes de la table groupe_age
create or replace view mart_population_groupe_age as
with

final as (
    select
        population.niveau,
        population.code_perimetre,
        any_value(population.nom_perimetre) as nom_perimetre,
        population.annee,
        groupe_age.rang,
        groupe_age.groupe_age,
        groupe_age.age_min,
        groupe_age.age_max,
        sum(population.population) as population
    from mart_population_perimetre as population
    -- La partition du recensement de la table de référence (data/reference/groupes_age.csv).
    inner join groupe_age
        on groupe_age.recensement
        and population.age between groupe_age.age_min and groupe_age.age_max
    group by all
)

select * from final
