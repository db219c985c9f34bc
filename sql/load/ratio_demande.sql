insert into ratio_demande
select
    service,
    methode,
    indicateur,
    age_min,
    age_max,
    ratio,
    unite,
    par,
    source_texte,
    annee_source,
    defaut
from read_csv($fichier, delim = ';', header = true, columns = {
    'service': 'varchar', 'methode': 'varchar', 'indicateur': 'varchar', 'age_min': 'smallint',
    'age_max': 'smallint', 'ratio': 'double', 'unite': 'varchar', 'par': 'double',
    'source_texte': 'varchar', 'annee_source': 'smallint', 'defaut': 'boolean'
})
where $id_source is not null;
