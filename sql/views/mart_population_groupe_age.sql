-- titre: Population par périmètre et groupe d'âge des services
-- description: Population regroupée selon les âges qui comptent pour les services : petite
--   enfance (0-2), maternelle (3-5), élémentaire (6-10), collège (11-14), lycée (15-17),
--   jeunes adultes, actifs, jeunes retraités, 75-84 et 85 ans et plus.
-- grain: une ligne par niveau, code de périmètre, année, groupe d'âge
-- unite: habitants
-- source: INSEE, recensement de la population (table population)
create or replace view mart_population_groupe_age as
with

groupes as (
    select * from (values
        (1, '0-2 ans', 0, 2),
        (2, '3-5 ans', 3, 5),
        (3, '6-10 ans', 6, 10),
        (4, '11-14 ans', 11, 14),
        (5, '15-17 ans', 15, 17),
        (6, '18-29 ans', 18, 29),
        (7, '30-44 ans', 30, 44),
        (8, '45-59 ans', 45, 59),
        (9, '60-74 ans', 60, 74),
        (10, '75-84 ans', 75, 84),
        (11, '85 ans et plus', 85, 100)
    ) as g (rang, groupe_age, age_min, age_max)
),

final as (
    select
        population.niveau,
        population.code_perimetre,
        any_value(population.nom_perimetre) as nom_perimetre,
        population.annee,
        groupes.rang,
        groupes.groupe_age,
        groupes.age_min,
        groupes.age_max,
        sum(population.population) as population
    from mart_population_perimetre as population
    inner join groupes on population.age between groupes.age_min and groupes.age_max
    group by all
)

select * from final
