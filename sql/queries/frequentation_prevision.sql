-- Prévision d'une série d'usage, avec ses intervalles à 80 % et 95 %.
select periode, moyenne, bas_80, haut_80, bas_95, haut_95
from prevision_usage
where id_serie = $id_serie
order by periode
