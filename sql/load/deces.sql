insert into deces
select
    code_commune,
    annee,
    sexe,
    age,
    deces,
    $id_source
from read_parquet($fichier);
