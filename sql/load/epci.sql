insert into epci
select
    code_epci,
    nom_epci,
    nature_epci,
    $id_source
from read_csv($fichier, delim = ';', header = true, columns = {
    'code_epci': 'varchar', 'nom_epci': 'varchar', 'nature_epci': 'varchar'
});
