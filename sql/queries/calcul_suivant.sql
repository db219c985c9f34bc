-- Numéro du prochain calcul (table calcul).
-- Grain : une ligne, une colonne `id_calcul`.
select coalesce(max(id_calcul), 0) + 1 as id_calcul
from calcul
