-- Forgets the kept imported values (they are back in equipement).
delete from equipement_importe
