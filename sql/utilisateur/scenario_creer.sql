-- Enregistre un nouveau scénario (sa première version est ajoutée par scenario_version_ajouter).
insert into scenario
    (id_scenario, nom, description, auteur, base, cree_le, modifie_le, supprime_le, version_courante)
values ($id, $nom, $description, $auteur, $base, current_timestamp, current_timestamp, null, 1)
