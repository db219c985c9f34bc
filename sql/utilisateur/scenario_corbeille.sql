-- Met un scénario à la corbeille ($dans = true) ou l'en sort ($dans = false). Rien n'est effacé.
update scenario
set supprime_le = case when $dans then current_timestamp else null end
where id_scenario = $id
