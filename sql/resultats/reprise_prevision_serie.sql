-- Recopie la ligne prevision_serie des séries reprises, marquée « reprise ».
insert into prevision_serie by name
select * replace (true as reprise)
from ancien.prevision_serie
where id_serie in (select id_serie from reprises)
