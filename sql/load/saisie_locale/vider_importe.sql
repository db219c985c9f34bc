-- Oublie les valeurs importées gardées (elles sont de retour dans equipement).
delete from equipement_importe
