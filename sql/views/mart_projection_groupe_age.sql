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

sommes as (
    select
        projection.niveau,
        projection.code_perimetre,
        projection.scenario,
        projection.annee,
        groupe_age.rang,
        groupe_age.groupe_age,
        groupe_age.age_min,
        groupe_age.age_max,
        sum(projection.population) as population
    from mart_projection_perimetre as projection
    -- Les groupes de projection de la table de référence (data/reference/groupes_age.csv, ceux
    -- pour lesquels models.projection simule des bornes ; 75+ et 85+ se chevauchent exprès),
    -- 'Ensemble' d'abord.
    inner join groupe_age
        on groupe_age.projection
        and projection.age between groupe_age.age_min and groupe_age.age_max
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
