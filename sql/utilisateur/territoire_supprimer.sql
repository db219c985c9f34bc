-- Oublie un territoire de l'utilisateur.
delete from territoire_utilisateur
where code_territoire = $code
