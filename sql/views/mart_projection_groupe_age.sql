-- titre: Population projetée par périmètre et groupe d'âge des services, avec fourchettes
-- description: Population projetée de chaque scénario par groupe d'âge des services (0-2 ans pour
--   les crèches, 3-5 et 6-10 ans pour les écoles, 75 et 85 ans et plus pour le grand âge...) ; les
--   fourchettes à 80 % et 95 % viennent de la simulation des composantes (scénario central ; elles
--   ne s'additionnent pas entre communes, elles sont simulées à chaque niveau).
-- grain: une ligne par niveau, code de périmètre, scénario, année, groupe d'âge
-- unite: habitants au 1er janvier
-- source: Vigie, projection par composantes (méthode Omphale de l'INSEE) sur le recensement et l'état civil
create or replace view mart_projection_groupe_age as
with

groupes as (
    -- Same groups as models.projection.GROUPES_SERVICES (75+ and 85+ overlap on purpose).
    select * from (values
        (0, 'Ensemble', 0, 100),
        (1, '0-2 ans', 0, 2),
        (2, '3-5 ans', 3, 5),
        (3, '6-10 ans', 6, 10),
        (4, '11-14 ans', 11, 14),
        (5, '15-17 ans', 15, 17),
        (6, '18-24 ans', 18, 24),
        (7, '25-59 ans', 25, 59),
        (8, '60-74 ans', 60, 74),
        (9, '75 ans et plus', 75, 100),
        (10, '85 ans et plus', 85, 100)
    ) as g (rang, groupe_age, age_min, age_max)
),

sommes as (
    select
        projection.niveau,
        projection.code_perimetre,
        projection.scenario,
        projection.annee,
        groupes.rang,
        groupes.groupe_age,
        groupes.age_min,
        groupes.age_max,
        sum(projection.population) as population
    from mart_projection_perimetre as projection
    inner join groupes on projection.age between groupes.age_min and groupes.age_max
    group by all
),

final as (
    select
        sommes.niveau,
        sommes.code_perimetre,
        sommes.scenario,
        sommes.annee,
        sommes.rang,
        sommes.groupe_age,
        sommes.age_min,
        sommes.age_max,
        sommes.population,
        intervalle.bas_80,
        intervalle.haut_80,
        intervalle.bas_95,
        intervalle.haut_95
    from sommes
    left join projection_intervalle as intervalle
        using (scenario, niveau, code_perimetre, annee, groupe_age)
)

select * from final
