-- Un territoire de l'utilisateur dans la base construite.
insert into territoire
values ($code, $nom_territoire, $type, $id_source)
