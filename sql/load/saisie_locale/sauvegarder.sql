-- Garde les valeurs importées de l'équipement $id_equipement avant que celles de l'utilisateur les
-- remplacent : toute la ligne sauf l'effectif (`effectif`), qui reste celui de l'import
-- (sql/schema/09_saisie_locale.sql).
insert or ignore into equipement_importe by name
select * exclude (effectif)
from equipement
where id_equipement = $id_equipement
