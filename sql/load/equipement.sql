insert into equipement by name
select
    * replace (nullif(unite_capacite, '') as unite_capacite),
    $id_source as id_source
from read_csv($fichier, delim = ';', header = true, columns = {
    'id_equipement': 'varchar', 'code_commune': 'varchar', 'service': 'varchar',
    'type_equipement': 'varchar', 'nom': 'varchar', 'capacite': 'double',
    'unite_capacite': 'varchar', 'effectif': 'double', 'annee_ouverture': 'smallint',
    'annee_fermeture': 'smallint'
});
