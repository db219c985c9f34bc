-- Supprime les appartenances des territoires de l'utilisateur et celles qui pointent vers des
-- communes importées (première étape du vidage de la couche importée).
delete from territoire_commune
where code_territoire in (
        select code_territoire
        from territoire
        where id_source in (select id_source from source where origine = 'import')
    )
    or code_commune in (
        select code_commune
        from commune
        where id_source in (select id_source from source where origine = 'import')
    )
