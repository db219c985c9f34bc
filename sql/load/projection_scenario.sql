-- Écriture : définition d'un scénario calculé (JSON de models.projection.Scenario).
-- Grain : une ligne par scénario.
insert into projection_scenario
values ($id, $nom, $libelle, $json, $methode);
