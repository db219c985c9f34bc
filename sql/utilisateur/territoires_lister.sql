-- Les territoires de l'utilisateur, par nom (epcis et communes : listes JSON de codes).
select
    code_territoire,
    nom_territoire,
    type_territoire,
    epcis,
    communes
from territoire_utilisateur
order by nom_territoire
