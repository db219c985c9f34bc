-- Attache la base construite ($chemin) en lecture seule sous le nom `base`, dans la connexion en
-- mémoire du catalogue de l'application ou du bac à sable (vigie/stockage/lecture.py, bac_a_sable.py).
attach $chemin as base (read_only)
