-- Les colonnes d'un objet que montre la page Données : une vue vivante de sql/views (catalogue
-- `memory`) ou une table de la base construite (catalogue `base` ; les vues stockées dans ce
-- fichier sont des copies plus anciennes des vues vivantes et ne sont pas lues), avec leur
-- description (`comment on column`).
with

objets as (
    select 'memory' as base_donnees, view_name as nom from duckdb_views()
    where database_name = 'memory' and not internal
    union all
    select 'base' as base_donnees, table_name as nom from duckdb_tables()
    where database_name = 'base' and schema_name = 'main'
),

choisi as (
    select max(base_donnees) as base_donnees from objets where nom = $objet
),

final as (
    select
        colonnes.column_name as colonne,
        colonnes.data_type as type_donnee,
        coalesce(colonnes.comment, '') as description
    from duckdb_columns() as colonnes
    inner join choisi on choisi.base_donnees = colonnes.database_name
    where colonnes.table_name = $objet
        and colonnes.schema_name = 'main'
    order by colonnes.column_index
)

select * from final
