insert into equipement
select
    id_equipement,
    code_commune,
    service,
    type_equipement,
    nom,
    capacite,
    nullif(unite_capacite, ''),
    effectif,
    annee_ouverture,
    annee_fermeture,
    $id_source
from read_csv($fichier, delim = ';', header = true, columns = {
    'id_equipement': 'varchar', 'code_commune': 'varchar', 'service': 'varchar',
    'type_equipement': 'varchar', 'nom': 'varchar', 'capacite': 'double',
    'unite_capacite': 'varchar', 'effectif': 'double', 'annee_ouverture': 'smallint',
    'annee_fermeture': 'smallint'
});
