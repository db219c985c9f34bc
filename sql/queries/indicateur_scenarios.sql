-- Les scénarios présents dans une vue indicateur qui a une colonne scenario : ce que
-- l'utilisateur peut choisir sur la carte. Une ligne par scénario.
-- $vue vient de la liste blanche des indicateurs détectés (vigie.analyses.indicateurs), jamais d'un
-- utilisateur ; query_table la lit comme un paramètre lié, pas comme du SQL mis en forme.
select distinct
    indicateur.scenario
from query_table($vue) as indicateur
where indicateur.scenario is not null
order by indicateur.scenario
