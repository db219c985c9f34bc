-- Census population for the projection model (all years, commune × sex × age).
select code_commune, annee, sexe, age, population
from population
order by code_commune, annee, sexe, age
