-- Attache le fichier de vues de l'explorateur ($chemin) en lecture seule sous le nom `vues`
-- (vigie/stockage/travailleur_sql.py) : une requête d'analyste ne peut pas y remplacer une vue.
attach $chemin as vues (read_only)
