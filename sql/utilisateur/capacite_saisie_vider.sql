-- Empty the user's capacity entries (before putting back the ones a refused save replaced).
delete from capacite_saisie
