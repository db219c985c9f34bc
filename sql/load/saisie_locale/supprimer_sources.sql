-- Supprime les lignes de source des saisies de l'utilisateur (dernière étape de leur effacement).
delete from source
where origine = 'saisie'
