-- Les fichiers sources d'une table (pour la ligne « Source : » sous un graphique).
select distinct editeur, titre, millesime, licence, fichier, importe_le
from mart_sources_tables
where nom_table = $table
order by millesime
