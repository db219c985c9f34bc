insert into usage_observation by name
select *, $id_source as id_source
from read_csv($fichier, delim = ';', header = true, columns = {
    'id_serie': 'varchar', 'periode': 'date', 'valeur': 'double'
});
