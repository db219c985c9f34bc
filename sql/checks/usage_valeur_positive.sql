-- controle: les valeurs d'usage (entrées, prêts, m³, tonnes) ne sont pas négatives
select id_serie, periode, valeur
from usage_observation
where valeur < 0
