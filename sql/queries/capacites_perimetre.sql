-- Les équipements d'un périmètre tels que les montre l'éditeur de capacités de la page Services :
-- les valeurs en usage (importées, ou saisies par l'utilisateur dans Vigie), leur provenance et,
-- pour une saisie, la valeur importée qu'elle a remplacée (table equipement_importe,
-- sql/schema/09_saisie_locale.sql).
-- Grain : une ligne par équipement du périmètre. Unité : capacité en unite_capacite.
with

final as (
    select
        equipements.id_equipement,
        equipements.service,
        equipements.type_equipement,
        equipements.nom,
        equipements.code_commune,
        equipements.nom_commune,
        equipements.capacite,
        equipements.unite_capacite,
        equipements.annee_ouverture,
        equipements.annee_fermeture,
        source.origine = 'saisie' as saisie_locale,
        source.origine = 'saisie' and importe.id_equipement is null as ajoute,
        source.editeur || ', ' || source.millesime as source,
        importe.capacite as capacite_importee,
        importe.unite_capacite as unite_importee,
        source_importee.editeur || ', ' || source_importee.millesime as source_importee
    from mart_equipements as equipements
    inner join equipement on equipement.id_equipement = equipements.id_equipement
    inner join source on source.id_source = equipement.id_source
    left join equipement_importe as importe
        on importe.id_equipement = equipements.id_equipement
    left join source as source_importee on source_importee.id_source = importe.id_source
    where equipements.niveau = $niveau and equipements.code_perimetre = $code
)

select * from final
order by service, nom_commune, nom
