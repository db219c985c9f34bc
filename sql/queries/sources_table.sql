-- The source files of one table (for the "Source :" line under a chart).
select distinct editeur, titre, millesime, licence, fichier, importe_le
from mart_sources_tables
where nom_table = $table
order by millesime
