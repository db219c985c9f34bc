-- The projected scenarios (standard ones computed at build), central first, then in the order they were computed.
select
    scenario,
    libelle,
    methode_intervalles
from projection_scenario
order by scenario <> 'central', rowid
