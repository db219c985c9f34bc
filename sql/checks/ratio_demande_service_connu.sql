-- controle: chaque ratio de demande appartient à un service du registre (table service)
select
    ratio_demande.service,
    ratio_demande.methode
from ratio_demande
left join service on service.service = ratio_demande.service
where service.service is null
