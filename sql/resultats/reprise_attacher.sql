-- Attache le fichier des prévisions précédent, en lecture seule, sous le nom « ancien ».
-- Paramètre : $chemin.
attach $chemin as ancien (read_only)
