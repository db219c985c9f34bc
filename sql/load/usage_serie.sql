insert into usage_serie by name
select
    * replace (nullif(code_commune, '') as code_commune, nullif(id_equipement, '') as id_equipement),
    $id_source as id_source
from read_csv($fichier, delim = ';', header = true, columns = {
    'id_serie': 'varchar', 'service': 'varchar', 'indicateur': 'varchar', 'unite': 'varchar',
    'frequence': 'varchar', 'code_commune': 'varchar', 'id_equipement': 'varchar'
});
