-- Every facility of the built database with its service and commune (the capacity entries are
-- checked against them). Grain: one row per facility.
select
    id_equipement,
    service,
    code_commune,
    nom
from equipement
order by id_equipement
