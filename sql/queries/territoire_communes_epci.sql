-- Les communes membres d'un EPCI dans la composition de la base.
select code_commune
from commune
where code_epci = $code
