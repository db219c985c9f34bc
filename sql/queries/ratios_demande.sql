-- Les ratios de demande publiés (valeurs par défaut), avec le millésime du fichier de référence
-- dont ils viennent, dans l'ordre du registre des services (table service).
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
