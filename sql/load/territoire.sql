insert into territoire by name
select *, $id_source as id_source
from read_csv($fichier, delim = ';', header = true, columns = {
    'code_territoire': 'varchar', 'nom_territoire': 'varchar', 'type_territoire': 'varchar'
});
