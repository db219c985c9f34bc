insert into commune
select
    code_commune,
    nom_commune,
    nullif(code_epci, ''),
    code_dep,
    code_reg,
    littoral = 1,
    superficie_km2,
    $id_source
from read_csv($fichier, delim = ';', header = true, columns = {
    'code_commune': 'varchar', 'nom_commune': 'varchar', 'code_epci': 'varchar',
    'code_dep': 'varchar', 'code_reg': 'varchar', 'littoral': 'integer', 'superficie_km2': 'double'
});
