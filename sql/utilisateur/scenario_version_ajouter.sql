-- Ajoute une version d'un scénario (ses hypothèses en JSON, avec le nom et les textes de cette
-- version).
insert into scenario_version (id_scenario, version, nom, description, auteur, parametres, cree_le)
values ($id, $version, $nom, $description, $auteur, $parametres, current_timestamp)
