-- Chargement : data/reference/fiabilite_communes.csv, lu par vigie/alimentation/projections.py
-- et enregistré sous le nom `_fiabilite`.
-- Grain : une ligne par fenêtre, classe de taille et méthode. Les colonnes du fichier sont celles
-- de la table (par leur nom).
insert into fiabilite_communes by name
select *, $id_source as id_source
from _fiabilite;
