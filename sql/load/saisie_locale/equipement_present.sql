-- L'équipement $id_equipement est-il dans la base construite (importé ou livré) ?
select count(*) > 0 as present
from equipement
where id_equipement = $id_equipement
