-- Ce que la base contient pour un périmètre : années de recensement avec le détail sexe x âge,
-- années de population légale, communes avec un contour, équipements ; dit à l'application ce
-- qu'elle peut montrer et ce qui manque.
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
