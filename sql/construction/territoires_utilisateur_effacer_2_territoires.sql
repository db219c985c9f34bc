-- Efface les territoires de l'utilisateur écrits dans la base (voir ..._1_communes.sql).
delete from territoire
where id_source in (select id_source from source where titre = 'Territoires définis dans Vigie')
