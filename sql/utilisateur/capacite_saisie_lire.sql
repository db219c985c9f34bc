-- Les équipements que l'utilisateur a corrigés ou ajoutés, la saisie la plus ancienne d'abord
-- (toutes les colonnes de capacite_saisie, sql/utilisateur/schema.sql, dans l'ordre de la table).
select *
from capacite_saisie
order by saisi_le, id_equipement
