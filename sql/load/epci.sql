insert into epci by name
select *, $id_source as id_source
from read_csv($fichier, delim = ';', header = true, columns = {
    'code_epci': 'varchar', 'nom_epci': 'varchar', 'nature_epci': 'varchar'
});
