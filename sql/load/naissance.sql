insert into naissance
select
    code_commune,
    annee,
    sexe,
    naissances,
    $id_source
from read_csv($fichier, delim = ';', header = true, columns = {
    'code_commune': 'varchar', 'annee': 'smallint', 'sexe': 'smallint', 'naissances': 'double'
});
