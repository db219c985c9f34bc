-- Un territoire qui porte déjà ce code dans la base (zéro ou une ligne).
select 1 as pris
from territoire
where code_territoire = $code
