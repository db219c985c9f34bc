-- titre: Population projetée par périmètre, sexe et âge détaillé
-- description: Chemin central de chaque scénario standard (central, fécondité, espérance de vie,
--   migrations), sommé des communes au périmètre choisi ; pour les pyramides projetées.
-- grain: une ligne par niveau, code de périmètre, scénario, année, sexe, âge
-- unite: habitants au 1er janvier
-- source: Vigie, projection par composantes (méthode Omphale de l'INSEE) sur le recensement et l'état civil
create or replace view mart_projection_perimetre as
with

final as (
    select *
    from somme_au_perimetre(
        'projection_population',
        ['scenario', 'annee', 'sexe', 'age'],
        ['population']
    )
)

select * from final
