-- Les tables de la base construite attachée sous le nom `base`, triées par nom : la liste fermée des
-- noms que le bac à sable expose aux analystes. Une ligne par table.
select table_name as nom_table
from duckdb_tables()
where database_name = 'base'
order by table_name
