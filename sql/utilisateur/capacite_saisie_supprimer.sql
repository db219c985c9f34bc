-- Forget the user's values for one facility (back to the imported ones; an added one is gone).
delete from capacite_saisie
where id_equipement = $id_equipement
