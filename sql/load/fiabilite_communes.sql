-- Chargement : data/reference/fiabilite_communes.csv, lu par vigie/alimentation/projections.py
-- et enregistré sous le nom `_fiabilite`.
-- Grain : une ligne par fenêtre, classe de taille et méthode.
insert into fiabilite_communes
select
    fenetre,
    horizon,
    classe_taille,
    methode,
    communes,
    erreur_abs_moyenne,
    erreur_abs_mediane,
    biais_moyen,
    erreur_ponderee,
    $id_source
from _fiabilite;
