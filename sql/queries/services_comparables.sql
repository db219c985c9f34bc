-- Services whose demand ratio is expressed in the same unit as the capacity of their facilities
-- (crèche places, classes, collège seats, EHPAD beds...): only those give a capacity gap.
-- In the order of the service registry (table service, data/reference/services.csv).
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
