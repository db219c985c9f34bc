-- Fiabilité mesurée sur les totaux communaux, par classe de taille (populations légales).
-- Grain : une ligne par fenêtre, classe de taille et méthode. Unité : % de l'observé.
select
    fenetre,
    horizon,
    classe_taille,
    methode,
    communes,
    erreur_abs_moyenne,
    erreur_abs_mediane,
    biais_moyen,
    erreur_ponderee
from fiabilite_communes
order by horizon, fenetre, classe_taille, methode
