-- Statut de chaque série du fichier des prévisions ('ok', 'serie_interrompue', 'erreur').
-- Grain : une ligne par série d'usage.
select
    statut
from prevision_serie
