-- Projected births, deaths and net migration of a perimeter for one scenario, up to the horizon.
select annee, naissances, deces, solde_migratoire, arrivees_logement, solde_naturel, variation
from mart_projection_composantes
where niveau = $niveau and code_perimetre = $code and scenario = $scenario and annee < $horizon
order by annee
