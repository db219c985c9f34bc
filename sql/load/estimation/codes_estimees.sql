-- Communes dont la structure par âge est estimée (une ligne par commune).
select distinct code_commune
from population_estimee
order by code_commune
