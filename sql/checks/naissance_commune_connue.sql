-- controle: toute naissance désigne une commune connue
select distinct code_commune
from naissance
where code_commune not in (select code_commune from commune)
