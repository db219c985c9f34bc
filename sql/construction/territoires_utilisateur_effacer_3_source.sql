-- Efface la source des territoires de l'utilisateur (voir ..._1_communes.sql).
delete from source
where titre = 'Territoires définis dans Vigie'
