-- La commune de ce code INSEE, si elle est dans la géographie de la base (zéro ou une ligne).
select code_commune
from commune
where code_commune = $code
