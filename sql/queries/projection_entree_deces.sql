-- Deaths by commune, year, sex and age (cohort convention), for the projection model.
select code_commune, annee, sexe, age, deces
from deces
order by code_commune, annee, sexe, age
