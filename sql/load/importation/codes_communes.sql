-- Le référentiel actuel des communes (les codes auxquels tout chiffre importé doit se ramener).
select code_commune
from commune
