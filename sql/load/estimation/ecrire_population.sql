-- Effectifs estimés (DataFrame `_estimation` enregistré : code_commune, annee, sexe, age,
-- population) ajoutés à la population.
insert into population by name
select *, $id_source as id_source
from _estimation
