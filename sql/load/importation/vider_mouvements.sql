-- Le plus récent fichier des événements du COG remplace la liste précédente.
delete from commune_mouvement
