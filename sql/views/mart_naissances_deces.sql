-- titre: Naissances et décès par périmètre et année
-- description: Naissances vivantes et décès domiciliés, sommés des communes au périmètre choisi,
--   et le solde naturel (naissances moins décès).
-- grain: une ligne par niveau, code de périmètre, année
-- unite: naissances, décès (personnes)
-- source: INSEE, état civil (tables naissance et deces)
create or replace view mart_naissances_deces as
with

naissances as (
    select
        perimetres.niveau,
        perimetres.code_perimetre,
        naissance.annee,
        sum(naissance.naissances) as naissances
    from naissance
    inner join int_commune__perimetres as perimetres
        on perimetres.code_commune = naissance.code_commune
    group by all
),

deces as (
    select
        perimetres.niveau,
        perimetres.code_perimetre,
        deces.annee,
        sum(deces.deces) as deces
    from deces
    inner join int_commune__perimetres as perimetres
        on perimetres.code_commune = deces.code_commune
    group by all
),

final as (
    select
        coalesce(naissances.niveau, deces.niveau) as niveau,
        coalesce(naissances.code_perimetre, deces.code_perimetre) as code_perimetre,
        coalesce(naissances.annee, deces.annee) as annee,
        coalesce(naissances.naissances, 0) as naissances,
        coalesce(deces.deces, 0) as deces,
        coalesce(naissances.naissances, 0) - coalesce(deces.deces, 0) as solde_naturel
    from naissances
    full outer join deces
        on naissances.niveau = deces.niveau
        and naissances.code_perimetre = deces.code_perimetre
        and naissances.annee = deces.annee
)

select * from final
