-- Removes the facilities the user added in Vigie (after the corrected ones were restored, only
-- the added ones still point to a 'saisie' source).
delete from equipement
where id_source in (select id_source from source where origine = 'saisie')
