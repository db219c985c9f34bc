-- titre: Périmètres, leur nom et leur nombre de communes
-- description: Chaque périmètre (commune, EPCI, département, territoire) une fois, avec son nom et
--   le nombre de ses communes (celles du COG importé) ; les marts qui somment une donnée communale
--   au périmètre y prennent le nom, et le nombre de communes qui dit si la somme est complète.
-- grain: une ligne par niveau et code de périmètre
-- unite: communes
-- source: INSEE, COG et composition communale des EPCI (vue int_commune__perimetres)
create or replace view int_perimetres as
with

final as (
    select
        niveau,
        code_perimetre,
        any_value(nom_perimetre) as nom_perimetre,
        count(*) as nombre_communes
    from int_commune__perimetres
    group by all
)

select * from final
