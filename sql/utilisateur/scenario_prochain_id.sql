-- L'identifiant du prochain scénario (exécuté dans la transaction d'enregistrement, le fichier
-- étant verrouillé).
select coalesce(max(id_scenario), 0) + 1 as id_scenario from scenario
