-- Le contour d'une commune, en texte GeoJSON (une ligne par commune).
insert into commune_geo
values ($code_commune, $geometrie, $id_source)
