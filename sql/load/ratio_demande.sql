-- ratio_demande : les ratios publiés de data/reference/ratios_demande.csv ; la méthode par défaut
-- d'un service est celle que nomme le registre (service.ratio_reference, chargé avant), écrite en
-- un seul endroit. Grain : une ligne par service, méthode et tranche d'âge.
insert into ratio_demande
select
    ratios.service,
    ratios.methode,
    ratios.indicateur,
    ratios.age_min,
    ratios.age_max,
    ratios.ratio,
    ratios.unite,
    ratios.par,
    ratios.source_texte,
    ratios.annee_source,
    coalesce(ratios.methode = service.ratio_reference, false) as defaut
from read_csv($fichier, delim = ';', header = true, columns = {
    'service': 'varchar', 'methode': 'varchar', 'indicateur': 'varchar', 'age_min': 'smallint',
    'age_max': 'smallint', 'ratio': 'double', 'unite': 'varchar', 'par': 'double',
    'source_texte': 'varchar', 'annee_source': 'smallint'
}) as ratios
left join service on service.service = ratios.service
where $id_source is not null;
