-- L'EPCI de ce SIREN, s'il est dans la base (zéro ou une ligne).
select code_epci
from epci
where code_epci = $code
