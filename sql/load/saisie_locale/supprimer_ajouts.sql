-- Supprime les équipements que l'utilisateur a ajoutés dans Vigie (une fois les équipements
-- corrigés restaurés, seuls les ajoutés pointent encore vers une source 'saisie').
delete from equipement
where id_source in (select id_source from source where origine = 'saisie')
