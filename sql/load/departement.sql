insert into departement by name
select *, $id_source as id_source
from read_csv($fichier, delim = ';', header = true, columns = {
    'code_dep': 'varchar', 'nom_dep': 'varchar', 'code_reg': 'varchar'
});
