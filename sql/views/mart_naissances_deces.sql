-- titre: Naissances et décès par périmètre et année
-- description: Naissances vivantes et décès domiciliés, sommés des communes au périmètre choisi,
--   et le solde naturel (naissances moins décès).
-- grain: une ligne par niveau, code de périmètre, année
-- unite: naissances, décès (personnes)
-- source: INSEE, état civil (tables naissance et deces)
create or replace view mart_naissances_deces as
with

evenements as (
    -- Naissances et décès côte à côte, une ligne par commune, année et sexe (et âge pour les
    -- décès) : sommés une seule fois plus bas, chaque colonne étant nulle sur les lignes de
    -- l'autre table.
    select code_commune, annee, naissances from naissance
    union all by name
    select code_commune, annee, deces from deces
),

final as (
    select
        perimetres.niveau,
        perimetres.code_perimetre,
        evenements.annee,
        coalesce(sum(evenements.naissances), 0) as naissances,
        coalesce(sum(evenements.deces), 0) as deces,
        coalesce(sum(evenements.naissances), 0) - coalesce(sum(evenements.deces), 0)
            as solde_naturel
    from evenements
    inner join int_commune__perimetres as perimetres
        on perimetres.code_commune = evenements.code_commune
    group by all
)

select * from final
