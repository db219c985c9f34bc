-- Les fonctions de table de DuckDB (lecteurs de fichiers, glob, query()...), que le bac à sable
-- refuse dans une requête d'analyste. Une ligne par nom de fonction.
select distinct function_name as fonction
from duckdb_functions()
where function_type in ('table', 'table_macro')
