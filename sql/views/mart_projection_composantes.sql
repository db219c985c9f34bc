-- titre: Composantes de l'évolution projetée par périmètre
-- description: Naissances, décès et solde migratoire projetés chaque année par scénario, sommés
--   des communes au périmètre choisi ; les arrivées dues aux programmes de logements sont à part
--   (zéro dans les scénarios standard). Variation = naissances - décès + solde + arrivées.
-- grain: une ligne par niveau, code de périmètre, scénario, année (événements de l'année)
-- unite: personnes par an
-- source: Vigie, projection par composantes (méthode Omphale de l'INSEE) sur le recensement et l'état civil
create or replace view mart_projection_composantes as
with

sommes as (
    select *
    from somme_au_perimetre(
        'projection_composante',
        ['scenario', 'annee'],
        ['naissances', 'deces', 'solde_migratoire', 'arrivees_logement']
    )
),

final as (
    select
        *,
        -- solde naturel et variation totale de l'année, en personnes
        naissances - deces as solde_naturel,
        naissances - deces + solde_migratoire + arrivees_logement as variation
    from sommes
)

select * from final
