insert into territoire
select
    code_territoire,
    nom_territoire,
    type_territoire,
    $id_source
from read_csv($fichier, delim = ';', header = true, columns = {
    'code_territoire': 'varchar', 'nom_territoire': 'varchar', 'type_territoire': 'varchar'
});
