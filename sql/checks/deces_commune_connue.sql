-- controle: tout décès désigne une commune connue
select distinct code_commune
from deces
where code_commune not in (select code_commune from commune)
