-- Oublie les valeurs de l'utilisateur pour un équipement (retour aux valeurs importées ; un
-- équipement ajouté disparaît).
delete from capacite_saisie
where id_equipement = $id_equipement
