-- Colonnes d'une table de la base construite (les seuls identifiants qu'un import peut écrire).
select column_name
from information_schema.columns
where table_name = $table
order by ordinal_position
