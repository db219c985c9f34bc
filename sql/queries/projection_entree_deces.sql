-- Décès par commune, année, sexe et âge (convention de cohorte), pour le modèle de projection.
select code_commune, annee, sexe, age, deces
from deces
order by code_commune, annee, sexe, age
