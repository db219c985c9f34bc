-- Les communes qui portent exactement ce nom (sans accents ni casse), avec leur département.
select
    code_commune,
    nom_commune,
    code_dep
from commune
where strip_accents(lower(nom_commune)) = strip_accents(lower($texte))
