-- Écrit les valeurs de l'utilisateur sur l'équipement $id_equipement (ses valeurs importées sont
-- gardées dans equipement_importe). Unité : capacité en $unite_capacite. L'effectif reste celui
-- de l'import.
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
