-- Every perimeter that can be chosen in the sidebar, with its number of communes.
-- Communes and EPCIs are listed when at least one of their communes belongs to a territory (the
-- demo Pays or one the user defined): importing the national COG (35 000 communes) must not fill
-- the menu with all of France.
with

dans_territoire as (
    select distinct code_commune
    from territoire_commune
),

final as (
    select
        perimetres.niveau,
        perimetres.code_perimetre,
        any_value(perimetres.nom_perimetre) as nom_perimetre,
        count(*) as nombre_communes,
        count(dans_territoire.code_commune) as communes_dans_un_territoire
    from int_commune__perimetres as perimetres
    left join dans_territoire on dans_territoire.code_commune = perimetres.code_commune
    group by all
)

select
    niveau,
    code_perimetre,
    nom_perimetre,
    nombre_communes
from final
where niveau = 'territoire' or communes_dans_un_territoire > 0
order by niveau, nom_perimetre
