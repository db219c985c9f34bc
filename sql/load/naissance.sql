insert into naissance by name
select *, $id_source as id_source
from read_csv($fichier, delim = ';', header = true, columns = {
    'code_commune': 'varchar', 'annee': 'smallint', 'sexe': 'smallint', 'naissances': 'double'
});
