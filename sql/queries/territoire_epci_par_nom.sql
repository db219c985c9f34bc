-- Les EPCI dont le nom contient le texte cherché (sans accents ni casse), par nom.
select
    code_epci,
    nom_epci
from epci
where strip_accents(lower(nom_epci)) like '%' || strip_accents(lower($texte)) || '%'
order by nom_epci
