-- Les colonnes de chaque vue du catalogue vivant (les vues des analystes de sql/views), dans
-- l'ordre. Sert à détecter les vues indicateurs (code_commune, annee, valeur [, scenario]), et à la
-- page Données.
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
