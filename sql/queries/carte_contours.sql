-- Les communes d'un périmètre de carte avec leur contour (géométrie GeoJSON en texte, nulle quand
-- elle est inconnue).
select
    commune.code_commune,
    commune.nom_commune,
    commune.code_epci,
    commune.code_dep,
    commune_geo.geojson
from int_commune__perimetres as perimetres
inner join commune on commune.code_commune = perimetres.code_commune
left join commune_geo on commune_geo.code_commune = commune.code_commune
where perimetres.niveau = $niveau and perimetres.code_perimetre = $code
order by commune.code_commune
