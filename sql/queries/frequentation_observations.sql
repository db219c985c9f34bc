-- Observed values of one usage series.
select periode, valeur
from usage_observation
where id_serie = $id_serie
order by periode
