-- Une commune membre d'un territoire de l'utilisateur.
insert into territoire_commune
values ($code, $code_commune)
