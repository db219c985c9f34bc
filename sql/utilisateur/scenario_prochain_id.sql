-- The id of the next scenario (run inside the saving transaction, the file being locked).
select coalesce(max(id_scenario), 0) + 1 as id_scenario from scenario
