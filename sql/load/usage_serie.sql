insert into usage_serie
select
    id_serie,
    service,
    indicateur,
    unite,
    frequence,
    nullif(code_commune, ''),
    nullif(id_equipement, ''),
    $id_source
from read_csv($fichier, delim = ';', header = true, columns = {
    'id_serie': 'varchar', 'service': 'varchar', 'indicateur': 'varchar', 'unite': 'varchar',
    'frequence': 'varchar', 'code_commune': 'varchar', 'id_equipement': 'varchar'
});
