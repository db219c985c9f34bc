-- Les services dont le ratio de demande s'exprime dans la même unité que la capacité de leurs
-- équipements (places de crèche, classes, places de collège, lits d'EHPAD...) : eux seuls donnent
-- un écart de capacité.
-- Dans l'ordre du registre des services (table service, data/reference/services.csv).
select distinct
    ratio_demande.service,
    ratio_demande.indicateur,
    ratio_demande.unite,
    ratio_demande.source_texte,
    service.ordre
from ratio_demande
inner join service
    on service.service = ratio_demande.service
inner join equipement
    on equipement.service = ratio_demande.service
    and equipement.unite_capacite = ratio_demande.unite
where ratio_demande.defaut
order by service.ordre, ratio_demande.service
