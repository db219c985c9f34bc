-- Toutes les versions d'un scénario, la plus récente d'abord.
select
    id_scenario,
    version,
    nom,
    description,
    auteur,
    parametres,
    cree_le
from scenario_version
where id_scenario = $id
order by version desc
