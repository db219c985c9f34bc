-- Projected population of a perimeter by service age group for one scenario, up to the horizon.
select annee, rang, groupe_age, population, bas_80, haut_80, bas_95, haut_95
from mart_projection_groupe_age
where niveau = $niveau and code_perimetre = $code and scenario = $scenario and annee <= $horizon
order by rang, annee
