-- controle: toute population légale désigne une commune connue (géographie actuelle)
select distinct code_commune
from population_legale
where code_commune not in (select code_commune from commune)
