-- Une ligne par commune et année estimées (DataFrame `_drapeaux` enregistré).
insert into population_estimee
select
    code_commune,
    annee,
    methode,
    code_dep,
    annee_structure,
    population_municipale,
    erreur_relative,
    $id_source
from _drapeaux
