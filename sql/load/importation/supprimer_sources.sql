-- Supprime les lignes de source des imports de l'utilisateur (dernière étape du vidage de la
-- couche importée).
delete from source
where origine = 'import'
