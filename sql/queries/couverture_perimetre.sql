-- What the database holds for a perimeter: census years with sex x age detail, legal population
-- years, communes with an outline, facilities; tells the app what it can show and what is missing.
select
    (select count(*) from int_commune__perimetres
        where niveau = $niveau and code_perimetre = $code) as nombre_communes,
    (select string_agg(distinct annee::text, ', ' order by annee::text)
        from mart_population_perimetre
        where niveau = $niveau and code_perimetre = $code) as annees_sexe_age,
    (select string_agg(distinct annee::text, ', ' order by annee::text)
        from mart_population_legale
        where niveau = $niveau and code_perimetre = $code) as annees_population_legale,
    (select count(*) from commune_geo
        where code_commune in (select code_commune from int_commune__perimetres
            where niveau = $niveau and code_perimetre = $code)) as communes_avec_contour,
    (select count(*) from equipement
        where code_commune in (select code_commune from int_commune__perimetres
            where niveau = $niveau and code_perimetre = $code)) as equipements
