-- No source column: membership belongs to the territory's definition (itself sourced).
insert into territoire_commune by name
select *
from read_csv($fichier, delim = ';', header = true, columns = {
    'code_territoire': 'varchar', 'code_commune': 'varchar'
})
where $id_source is not null;
