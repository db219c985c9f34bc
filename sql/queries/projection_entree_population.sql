-- Population recensée pour le modèle de projection (toutes les années, commune × sexe × âge).
select code_commune, annee, sexe, age, population
from population
order by code_commune, annee, sexe, age
