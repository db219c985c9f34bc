-- Effectifs estimés (DataFrame `_estimation` enregistré) ajoutés à la population.
insert into population (
    code_commune,
    annee,
    sexe,
    age,
    population,
    id_source
)
select
    code_commune,
    annee,
    sexe,
    age,
    population,
    $id_source
from _estimation
