-- Colonnes d'une table du fichier des prévisions, dans l'ordre de création (pour insérer un
-- DataFrame dans le bon ordre). Grain : une ligne par colonne. Paramètre : $table.
select
    column_name
from information_schema.columns
where table_name = $table
order by ordinal_position
