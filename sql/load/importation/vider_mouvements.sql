-- The newest COG events file replaces the previous list.
delete from commune_mouvement
