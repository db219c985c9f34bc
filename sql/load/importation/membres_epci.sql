-- Appartenance d'une composition d'EPCI donnée dans une géographie plus ancienne, ramenée aux
-- codes du COG : `_membres` est la table (code_commune, code_epci) enregistrée.
update commune
set code_epci = _membres.code_epci
from _membres
where commune.code_commune = _membres.code_commune
