-- Keeps the imported values of facility $id_equipement before the user's ones replace them: the
-- whole row but the enrolment (effectif), which stays imported (sql/schema/09_saisie_locale.sql).
insert or ignore into equipement_importe by name
select * exclude (effectif)
from equipement
where id_equipement = $id_equipement
