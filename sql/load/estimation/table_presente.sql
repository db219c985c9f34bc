-- La table population_estimee existe-t-elle (base construite par une version antérieure) ?
select count(*) > 0
from information_schema.tables
where table_name = 'population_estimee'
