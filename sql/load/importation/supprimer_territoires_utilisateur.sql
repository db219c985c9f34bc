-- Removes the user's territories (after their memberships, see supprimer_territoires).
delete from territoire
where id_source in (select id_source from source where origine = 'import')
