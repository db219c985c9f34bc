-- Une base construite par une version antérieure de Vigie n'a pas les tables d'import ni le
-- registre des services : vrai quand la colonne source.origine et les tables population_legale,
-- groupe_age et service existent.
select
    (
        select count(*)
        from information_schema.columns
        where table_name = 'source' and column_name = 'origine'
    ) > 0
    and (
        select count(distinct table_name)
        from information_schema.tables
        where table_name in ('population_legale', 'groupe_age', 'service')
    ) = 3 as a_jour
