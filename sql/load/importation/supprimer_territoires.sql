-- Removes the memberships of the user's territories and those that point to imported communes
-- (first step of clearing the imported layer).
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
