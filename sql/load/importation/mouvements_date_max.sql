-- Date du dernier événement du COG déjà stocké (un fichier d'événements plus ancien est gardé
-- mais pas utilisé).
select max(date_eff)
from commune_mouvement
