-- Removes the rows of one table that came from a user import. `{table}` is formatted in by
-- vigie/alimentation/importation/ecriture.py from its allow-list ORDRE_SUPPRESSION only.
delete from {table}
where id_source in (select id_source from source where origine = 'import')
