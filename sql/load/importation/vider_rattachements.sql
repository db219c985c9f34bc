-- La liste des codes infracommunaux du COG le plus récent remplace la précédente.
delete from commune_rattachement
