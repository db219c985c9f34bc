-- Vide les saisies de capacité de l'utilisateur (avant de remettre celles qu'un enregistrement
-- refusé a remplacées).
delete from capacite_saisie
