insert into population
select
    code_commune,
    annee,
    sexe,
    age,
    population,
    $id_source
from read_parquet($fichier);
