-- Every version of one scenario, the latest first.
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
