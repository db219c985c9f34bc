-- Writes the user's values over facility $id_equipement (its imported values are kept in
-- equipement_importe). Unit: capacity in $unite_capacite. The enrolment (effectif) stays imported.
update equipement
set
    code_commune = $code_commune,
    service = $service,
    nom = $nom,
    capacite = $capacite,
    unite_capacite = $unite_capacite,
    annee_ouverture = $annee_ouverture,
    annee_fermeture = $annee_fermeture,
    id_source = $id_source
where id_equipement = $id_equipement
