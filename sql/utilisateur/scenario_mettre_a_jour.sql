-- Make a new version the current one of a scenario.
update scenario
set nom = $nom,
    description = $description,
    auteur = $auteur,
    version_courante = $version,
    modifie_le = current_timestamp
where id_scenario = $id
