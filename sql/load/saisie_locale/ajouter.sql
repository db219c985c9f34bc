-- Adds a facility the user created in Vigie (a crèche of 30 places in a commune...).
insert into equipement (
    id_equipement,
    code_commune,
    service,
    type_equipement,
    nom,
    capacite,
    unite_capacite,
    annee_ouverture,
    annee_fermeture,
    id_source
)
values (
    $id_equipement,
    $code_commune,
    $service,
    $type_equipement,
    $nom,
    $capacite,
    $unite_capacite,
    $annee_ouverture,
    $annee_fermeture,
    $id_source
)
