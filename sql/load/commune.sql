insert into commune by name
select
    * replace (nullif(code_epci, '') as code_epci, littoral = 1 as littoral),
    $id_source as id_source
from read_csv($fichier, delim = ';', header = true, columns = {
    'code_commune': 'varchar', 'nom_commune': 'varchar', 'code_epci': 'varchar',
    'code_dep': 'varchar', 'code_reg': 'varchar', 'littoral': 'integer', 'superficie_km2': 'double'
});
