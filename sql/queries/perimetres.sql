-- Chaque périmètre qu'on peut choisir dans la barre latérale, avec son nombre de communes.
-- Les communes et les EPCI ne sont listés que si au moins une de leurs communes appartient à un
-- territoire (le Pays de démonstration ou un territoire défini par l'utilisateur) : importer le
-- COG national (35 000 communes) ne doit pas remplir le menu de toute la France.
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
