insert into usage_observation
select
    id_serie,
    periode,
    valeur,
    $id_source
from read_csv($fichier, delim = ';', header = true, columns = {
    'id_serie': 'varchar', 'periode': 'date', 'valeur': 'double'
});
