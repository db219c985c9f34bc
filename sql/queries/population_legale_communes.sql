-- Population légale de chaque commune d'un périmètre la dernière année disponible, avec son
-- contour (géométrie GeoJSON en texte, nulle quand aucun contour n'a été importé) pour la carte.
with

communes as (
    select code_commune
    from int_commune__perimetres
    where niveau = $niveau and code_perimetre = $code
),

derniere as (
    select max(annee) as annee
    from population_legale
    where code_commune in (select code_commune from communes)
),

final as (
    select
        commune.code_commune,
        commune.nom_commune,
        epci.nom_epci,
        population_legale.annee,
        population_legale.population_municipale,
        commune_geo.geojson
    from communes
    inner join commune on commune.code_commune = communes.code_commune
    left join epci on epci.code_epci = commune.code_epci
    left join population_legale
        on population_legale.code_commune = communes.code_commune
        and population_legale.annee = (select annee from derniere)
    left join commune_geo on commune_geo.code_commune = communes.code_commune
)

select * from final
order by population_municipale desc nulls last, nom_commune
