-- The columns of every view of the live catalogue (the analysts' views of sql/views), in order.
-- Used to detect indicator views (code_commune, annee, valeur [, scenario]) and by the Données page.
select
    colonnes.table_name as vue,
    colonnes.column_name as colonne,
    colonnes.data_type as type_donnee
from duckdb_columns() as colonnes
inner join duckdb_views() as vues
    on vues.database_name = colonnes.database_name
    and vues.schema_name = colonnes.schema_name
    and vues.view_name = colonnes.table_name
where colonnes.database_name = 'memory'
    and not vues.internal
order by colonnes.table_name, colonnes.column_index
