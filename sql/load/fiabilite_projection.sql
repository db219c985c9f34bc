-- Chargement : data/reference/fiabilite_projection.csv, lu par vigie/alimentation/projections.py
-- (en-tête de provenance en commentaires `#`) et enregistré sous le nom `_fiabilite`.
-- Grain : une ligne par fenêtre, horizon, groupe d'âges et méthode.
insert into fiabilite_projection
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
    couverture_95,
    $id_source
from _fiabilite;
