-- Removes the source rows of user imports (last step of clearing the imported layer).
delete from source
where origine = 'import'
