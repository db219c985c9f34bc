-- Fiabilité mesurée de la projection (rétro-projections départementales), pour la fiche
-- « Fiabilité » de Sources et méthodes et la phrase sous chaque projection.
-- Grain : une ligne par fenêtre, horizon, groupe d'âges et méthode. Unité : % de l'observé.
select
    fenetre,
    horizon,
    groupe,
    methode,
    n,
    erreur_abs_moyenne,
    erreur_abs_mediane,
    biais_moyen,
    erreur_ponderee,
    couverture_80,
    couverture_95
from fiabilite_projection
order by horizon, fenetre, groupe, methode
