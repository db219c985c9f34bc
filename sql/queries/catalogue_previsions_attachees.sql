-- Une ligne, un nombre : 1 si le fichier des prévisions est attaché à cette connexion, 0 sinon.
select count(*) as attachees
from duckdb_databases()
where database_name = 'previsions'
