-- Key figures of a perimeter, every census year.
select *
from mart_indicateurs_cles
where niveau = $niveau and code_perimetre = $code
order by annee
