-- Add one version of a scenario (its hypotheses as JSON, with the name and words of that version).
insert into scenario_version (id_scenario, version, nom, description, auteur, parametres, cree_le)
values ($id, $version, $nom, $description, $auteur, $parametres, current_timestamp)
