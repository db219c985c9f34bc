-- Date of the latest COG event already stored (an older events file is kept but not used).
select max(date_eff)
from commune_mouvement
