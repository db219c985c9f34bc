-- Is facility $id_equipement in the built database (imported or shipped)?
select count(*) > 0 as present
from equipement
where id_equipement = $id_equipement
