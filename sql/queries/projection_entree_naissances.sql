-- Births by commune, year and sex, for the projection model.
select code_commune, annee, sexe, naissances
from naissance
order by code_commune, annee, sexe
