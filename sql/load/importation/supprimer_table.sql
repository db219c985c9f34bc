-- Supprime les lignes d'une table venues d'un import de l'utilisateur. `{table}` est inséré par
-- vigie/alimentation/importation/ecriture.py à partir de sa liste autorisée ORDRE_SUPPRESSION
-- seulement.
delete from {table}
where id_source in (select id_source from source where origine = 'import')
