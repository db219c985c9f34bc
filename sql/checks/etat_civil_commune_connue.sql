-- controle: toute ligne d'état civil communal désigne une commune connue (géographie actuelle)
select distinct code_commune
from etat_civil_commune
where code_commune not in (select code_commune from commune)
union
select distinct code_commune
from etat_civil_periode
where code_commune not in (select code_commune from commune)
