-- controle: chaque équipement est situé dans une commune connue
select id_equipement, code_commune
from equipement
where code_commune not in (select code_commune from commune)
