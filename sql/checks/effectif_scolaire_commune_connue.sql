-- controle: chaque établissement scolaire est rattaché à une commune connue
select uai, annee, code_commune
from effectif_scolaire
where code_commune not in (select code_commune from commune)
