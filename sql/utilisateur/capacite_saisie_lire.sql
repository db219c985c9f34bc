-- The facilities the user corrected or added, oldest entry first (every column of capacite_saisie,
-- sql/utilisateur/schema.sql, in the table's order).
select *
from capacite_saisie
order by saisi_le, id_equipement
