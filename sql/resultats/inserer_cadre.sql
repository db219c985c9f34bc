-- Insère le DataFrame enregistré sous le nom _cadre dans une table des résultats.
-- {table} est remplacé par un nom pris dans la liste fixe vigie.alimentation.previsions.TABLES
-- (jamais une saisie) : DuckDB ne lie pas les noms de table.
insert into {table} by name
select *
from _cadre
