-- Valeurs observées d'une série d'usage.
select periode, valeur
from usage_observation
where id_serie = $id_serie
order by periode
