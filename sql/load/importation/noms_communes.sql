-- Code and name of every commune (to check that outlines are those of communes).
select
    code_commune,
    nom_commune
from commune
