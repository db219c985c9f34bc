-- Remet les saisies de capacité du DataFrame enregistré _precedentes (un enregistrement refusé).
insert into capacite_saisie by name
select * from _precedentes
