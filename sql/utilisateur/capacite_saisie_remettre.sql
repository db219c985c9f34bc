-- Put back the capacity entries of the registered DataFrame _precedentes (a refused save).
insert into capacite_saisie by name
select * from _precedentes
