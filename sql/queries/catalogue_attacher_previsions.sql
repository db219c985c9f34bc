-- Attache le fichier des prévisions de fréquentation ($chemin) en lecture seule sous le nom
-- `previsions`, quand `python -m vigie forecast` l'a écrit (vigie/stockage/lecture.py).
attach $chemin as previsions (read_only)
