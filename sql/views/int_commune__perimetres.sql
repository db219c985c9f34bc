-- titre: Appartenance des communes aux périmètres
-- description: Chaque commune rattachée à elle-même, à son EPCI, à son département et aux
--   territoires (Pays, pôles) qui la contiennent ; sert à agréger toute donnée communale à
--   n'importe quel niveau.
-- grain: une ligne par niveau, code de périmètre et commune
-- unite: sans objet
-- source: INSEE, COG et composition communale des EPCI (tables commune, epci, departement, territoire)
create or replace view int_commune__perimetres as
with

communes as (
    select
        'commune' as niveau,
        code_commune as code_perimetre,
        nom_commune as nom_perimetre,
        code_commune
    from commune
),

epcis as (
    select
        'epci' as niveau,
        commune.code_epci as code_perimetre,
        epci.nom_epci as nom_perimetre,
        commune.code_commune
    from commune
    inner join epci on epci.code_epci = commune.code_epci
),

departements as (
    select
        'departement' as niveau,
        commune.code_dep as code_perimetre,
        departement.nom_dep as nom_perimetre,
        commune.code_commune
    from commune
    inner join departement on departement.code_dep = commune.code_dep
),

territoires as (
    select
        'territoire' as niveau,
        territoire.code_territoire as code_perimetre,
        territoire.nom_territoire as nom_perimetre,
        territoire_commune.code_commune
    from territoire_commune
    inner join territoire on territoire.code_territoire = territoire_commune.code_territoire
),

final as (
    select * from communes
    union all
    select * from epcis
    union all
    select * from departements
    union all
    select * from territoires
)

select * from final
