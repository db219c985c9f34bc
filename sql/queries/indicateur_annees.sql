-- Les années présentes dans une vue indicateur (code_commune, annee, valeur [, scenario]) : ce que
-- l'utilisateur peut choisir sur la carte. Une ligne par année.
-- $vue vient de la liste blanche des indicateurs détectés (vigie.analyses.indicateurs), jamais d'un
-- utilisateur ; query_table la lit comme un paramètre lié, pas comme du SQL mis en forme.
select distinct
    indicateur.annee
from query_table($vue) as indicateur
where indicateur.annee is not null
order by indicateur.annee
