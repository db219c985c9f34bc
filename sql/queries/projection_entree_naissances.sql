-- Naissances par commune, année et sexe, pour le modèle de projection.
select code_commune, annee, sexe, naissances
from naissance
order by code_commune, annee, sexe
