-- Enregistre (ou remplace) les valeurs de l'utilisateur pour un équipement, datées de maintenant.
insert or replace into capacite_saisie (
    id_equipement,
    ajoute,
    code_commune,
    service,
    type_equipement,
    nom,
    capacite,
    unite_capacite,
    annee_ouverture,
    annee_fermeture,
    saisi_le
)
values (
    $id_equipement,
    $ajoute,
    $code_commune,
    $service,
    $type_equipement,
    $nom,
    $capacite,
    $unite_capacite,
    $annee_ouverture,
    $annee_fermeture,
    current_timestamp
)
