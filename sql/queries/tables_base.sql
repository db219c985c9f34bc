-- Les tables de la base construite avec leur description (`comment on table`,
-- sql/schema/90_commentaires.sql) et leur taille, pour la page Données.
select
    table_name as nom,
    coalesce(comment, '') as description,
    estimated_size as lignes_estimees,
    column_count as colonnes
from duckdb_tables()
where database_name = 'base'
    and schema_name = 'main'
order by table_name
