-- Legal populations of a perimeter, every census year available (newest last).
select
    annee,
    population_municipale,
    population_comptee_a_part,
    population_totale,
    communes_renseignees,
    nombre_communes
from mart_population_legale
where niveau = $niveau and code_perimetre = $code
order by annee
