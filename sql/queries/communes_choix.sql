-- Les communes d'un département (ou toutes quand $dep est vide), pour ajouter des communes une à
-- une.
select
    code_commune,
    nom_commune,
    code_dep
from commune
where $dep = '' or code_dep = $dep
order by nom_commune
