-- Une ligne par commune et année estimées (DataFrame `_drapeaux` enregistré, colonnes de
-- population_estimee sauf id_source).
insert into population_estimee by name
select *, $id_source as id_source
from _drapeaux
