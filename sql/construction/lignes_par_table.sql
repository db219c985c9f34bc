-- Le nombre de lignes de chaque table de la base (grain : une ligne par table).
-- estimated_size est exact pour une table écrite et point-contrôlée par ce processus.
select
    table_name as nom_table,
    estimated_size as lignes
from duckdb_tables()
where not internal
order by nom_table
