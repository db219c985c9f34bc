-- Le prochain identifiant de source (une ligne, une colonne).
select coalesce(max(id_source), 0) + 1 as id_source
from source
