-- controle: toute ligne de population désigne une commune connue
select distinct code_commune
from population
where code_commune not in (select code_commune from commune)
