-- Pas de colonne de source : l'appartenance relève de la définition du territoire (elle-même
-- sourcée).
insert into territoire_commune by name
select *
from read_csv($fichier, delim = ';', header = true, columns = {
    'code_territoire': 'varchar', 'code_commune': 'varchar'
})
where $id_source is not null;
