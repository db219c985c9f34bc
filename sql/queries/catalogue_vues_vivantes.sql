-- Les vues vivantes de la base $base du catalogue ('memory' : vues des analystes appliquées dans
-- la connexion de l'application ; 'vues' : fichier de vues de l'explorateur, alias des tables
-- compris), triées par nom. Une ligne par vue.
select view_name as vue
from duckdb_views()
where database_name = $base
    and not internal
order by view_name
