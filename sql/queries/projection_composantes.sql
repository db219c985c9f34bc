-- Naissances, décès et solde migratoire projetés d'un périmètre pour un scénario, jusqu'à
-- l'horizon.
select annee, naissances, deces, solde_migratoire, arrivees_logement, solde_naturel, variation
from mart_projection_composantes
where niveau = $niveau and code_perimetre = $code and scenario = $scenario and annee < $horizon
order by annee
