-- Empreintes du calcul précédent : une série dont l'empreinte n'a pas changé reprend ses résultats.
-- Grain : une ligne par série d'usage. Source : data/previsions.duckdb (table prevision_serie).
select
    id_serie,
    empreinte
from prevision_serie
