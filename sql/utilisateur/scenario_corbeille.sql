-- Put a scenario in the bin ($dans = true) or take it out ($dans = false). Nothing is erased.
update scenario
set supprime_le = case when $dans then current_timestamp else null end
where id_scenario = $id
