-- Une base construite par une version antérieure de Vigie n'a pas les tables d'import :
-- vrai quand la colonne source.origine et la table population_legale existent.
select
    (
        select count(*)
        from information_schema.columns
        where table_name = 'source' and column_name = 'origine'
    ) > 0
    and (
        select count(*)
        from information_schema.tables
        where table_name = 'population_legale'
    ) > 0 as a_jour
