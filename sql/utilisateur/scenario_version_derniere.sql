-- Le dernier numéro de version d'un scénario (0 s'il n'en a aucune), et s'il existe.
select
    coalesce(max(version), 0) as version,
    (select count(*) from scenario where id_scenario = $id) as existe
from scenario_version
where id_scenario = $id
