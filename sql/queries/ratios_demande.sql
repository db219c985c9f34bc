-- Published demand ratios (defaults), with the vintage of the reference file they come from, in
-- the order of the service registry (table service).
select
    ratio_demande.service,
    ratio_demande.methode,
    ratio_demande.indicateur,
    ratio_demande.age_min,
    ratio_demande.age_max,
    ratio_demande.ratio,
    ratio_demande.unite,
    ratio_demande.par,
    ratio_demande.source_texte,
    ratio_demande.annee_source,
    ratio_demande.defaut
from ratio_demande
left join service on service.service = ratio_demande.service
order by service.ordre, ratio_demande.service, ratio_demande.methode, ratio_demande.age_min
