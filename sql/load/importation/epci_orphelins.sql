-- EPCI importés d'une composition plus ancienne vers lesquels plus aucune commune ne pointe.
delete from epci
where id_source in (select id_source from source where origine = 'import')
    and code_epci not in (
        select code_epci
        from commune
        where code_epci is not null
    )
