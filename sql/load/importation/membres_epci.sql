-- Membership of an EPCI composition given in an older geography, brought to the COG's codes:
-- `_membres` is the registered (code_commune, code_epci) table.
update commune
set code_epci = _membres.code_epci
from _membres
where commune.code_commune = _membres.code_commune
