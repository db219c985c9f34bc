-- No source column: the reference file's own publication is in `source_texte` and `annee_source`.
insert into ratio_demande by name
select *
from read_csv($fichier, delim = ';', header = true, columns = {
    'service': 'varchar', 'methode': 'varchar', 'indicateur': 'varchar', 'age_min': 'smallint',
    'age_max': 'smallint', 'ratio': 'double', 'unite': 'varchar', 'par': 'double',
    'source_texte': 'varchar', 'annee_source': 'smallint', 'defaut': 'boolean'
})
where $id_source is not null;
