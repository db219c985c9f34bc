-- Retire la source des estimations (après leurs lignes).
delete from source
where origine = 'estimation'
