-- The methods chosen for one perimeter.
select service, methode, modifie_le
from methode_choisie
where niveau = $niveau and code_perimetre = $code
order by service
