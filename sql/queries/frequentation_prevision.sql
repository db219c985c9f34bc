-- Forecast of one usage series, with its 80 % and 95 % intervals.
select periode, moyenne, bas_80, haut_80, bas_95, haut_95
from prevision_usage
where id_serie = $id_serie
order by periode
