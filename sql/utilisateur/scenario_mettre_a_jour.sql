-- Fait d'une nouvelle version la version courante d'un scénario.
update scenario
set nom = $nom,
    description = $description,
    auteur = $auteur,
    version_courante = $version,
    modifie_le = current_timestamp
where id_scenario = $id
