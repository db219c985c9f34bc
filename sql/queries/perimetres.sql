-- Every perimeter that can be chosen in the sidebar, with its number of communes.
-- Communes and EPCIs are listed when at least one of their communes belongs to a territory (the
-- demo Pays or one the user defined): importing the national COG (35 000 communes) must not fill
-- the menu with all of France.
with

touchant_un_territoire as (
    select distinct
        niveau,
        code_perimetre
    from int_commune__perimetres
    where code_commune in (select code_commune from territoire_commune)
)

select
    perimetre.niveau,
    perimetre.code_perimetre,
    perimetre.nom_perimetre,
    perimetre.nombre_communes
from int_perimetres as perimetre
where perimetre.niveau = 'territoire'
    or (perimetre.niveau, perimetre.code_perimetre) in (
        select (niveau, code_perimetre) from touchant_un_territoire
    )
order by perimetre.niveau, perimetre.nom_perimetre
