-- titre: Population projetée par périmètre, sexe et âge détaillé
-- description: Chemin central de chaque scénario standard (central, fécondité, espérance de vie,
--   migrations), sommé des communes au périmètre choisi ; pour les pyramides projetées.
-- grain: une ligne par niveau, code de périmètre, scénario, année, sexe, âge
-- unite: habitants au 1er janvier
-- source: Vigie, projection par composantes (méthode Omphale de l'INSEE) sur le recensement et l'état civil
create or replace view mart_projection_perimetre as
with

final as (
    select
        perimetres.niveau,
        perimetres.code_perimetre,
        projection.scenario,
        projection.annee,
        projection.sexe,
        projection.age,
        sum(projection.population) as population
    from projection_population as projection
    inner join int_commune__perimetres as perimetres
        on perimetres.code_commune = projection.code_commune
    group by all
)

select * from final
