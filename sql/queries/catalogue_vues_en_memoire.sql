-- Les vues vivantes du catalogue en mémoire (vues des analystes de sql/views et alias des tables
-- du bac à sable), triées par nom. Une ligne par vue.
select view_name as vue
from duckdb_views()
where database_name = 'memory'
    and not internal
order by view_name
