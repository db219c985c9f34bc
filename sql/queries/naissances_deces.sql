-- Naissances et décès d'un périmètre, chaque année.
select annee, naissances, deces, solde_naturel
from mart_naissances_deces
where niveau = $niveau and code_perimetre = $code
order by annee
