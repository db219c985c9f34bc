-- Removes the source rows of the user's entries (last step of clearing them).
delete from source
where origine = 'saisie'
