insert into departement
select
    code_dep,
    nom_dep,
    code_reg,
    $id_source
from read_csv($fichier, delim = ';', header = true, columns = {
    'code_dep': 'varchar', 'nom_dep': 'varchar', 'code_reg': 'varchar'
});
