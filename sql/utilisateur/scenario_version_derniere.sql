-- The last version number of a scenario (0 when it has none), and whether it exists.
select
    coalesce(max(version), 0) as version,
    (select count(*) from scenario where id_scenario = $id) as existe
from scenario_version
where id_scenario = $id
