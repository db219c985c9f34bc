-- Nombre de communes dont la structure par âge est estimée.
select count(*)
from population_estimee
