-- Chargement : data/reference/fiabilite_projection.csv, lu par vigie/alimentation/projections.py
-- (en-tête de provenance en commentaires `#`) et enregistré sous le nom `_fiabilite`.
-- Grain : une ligne par fenêtre, horizon, groupe d'âges et méthode. Les colonnes du fichier sont
-- celles de la table (par leur nom ; les couvertures peuvent manquer).
insert into fiabilite_projection by name
select *, $id_source as id_source
from _fiabilite;
