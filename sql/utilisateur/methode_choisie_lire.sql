-- Les méthodes choisies pour un périmètre.
select service, methode, modifie_le
from methode_choisie
where niveau = $niveau and code_perimetre = $code
order by service
