-- titre: Équipements et capacités par périmètre
-- description: Liste des équipements (crèches, écoles, collèges, EHPAD, médiathèques, piscines,
--   lignes de bus...) situés dans le périmètre, avec leur capacité et leurs années d'ouverture
--   et de fermeture, et d'où vient chaque ligne (fichier importé, ou « Saisie locale » datée quand
--   l'utilisateur a corrigé ou ajouté l'équipement dans Vigie).
-- grain: une ligne par niveau, code de périmètre et équipement
-- unite: capacité dans l'unité de l'équipement (places, lits, classes, élèves...)
-- source: BPE de l'INSEE, FINESS, Éducation nationale, inventaire local ou saisie locale (table
--   equipement, table source)
create or replace view mart_equipements as
with

final as (
    select
        perimetres.niveau,
        perimetres.code_perimetre,
        equipement.id_equipement,
        equipement.service,
        equipement.type_equipement,
        equipement.nom,
        equipement.code_commune,
        commune.nom_commune,
        equipement.capacite,
        equipement.unite_capacite,
        equipement.effectif,
        equipement.annee_ouverture,
        equipement.annee_fermeture,
        -- En service cette année civile : ouvert (ou sans année d'ouverture connue) et pas
        -- encore fermé ; un équipement dont l'année de fermeture est à venir est encore en
        -- service aujourd'hui (les projections l'écartent à partir de son année de fermeture,
        -- comme sql/queries/carte_ecart_capacite.sql).
        coalesce(equipement.annee_ouverture <= year(current_date), true)
        and coalesce(equipement.annee_fermeture > year(current_date), true) as en_service,
        source.editeur || ' (' || source.millesime || ')' as source_capacite
    from equipement
    inner join int_commune__perimetres as perimetres
        on perimetres.code_commune = equipement.code_commune
    inner join commune on commune.code_commune = equipement.code_commune
    inner join source on source.id_source = equipement.id_source
)

select * from final
