-- groupe_age : les groupes d'âges nommés de data/reference/groupes_age.csv (contrôlés avant par
-- models.projection.groupes). Grain : une ligne par groupe. Paramètres : $fichier, $id_source.
insert into groupe_age
select
    groupe_age,
    age_min,
    age_max,
    rang,
    projection,
    recensement,
    fiabilite
from read_csv($fichier, delim = ';', header = true, columns = {
    'groupe_age': 'varchar', 'age_min': 'smallint', 'age_max': 'smallint', 'rang': 'smallint',
    'projection': 'boolean', 'recensement': 'boolean', 'fiabilite': 'boolean',
    'source': 'varchar'
})
where $id_source is not null;
