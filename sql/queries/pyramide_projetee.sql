-- Projected population by sex and single age in a given year, for one scenario (projected pyramid).
select sexe, age, population
from mart_projection_perimetre
where niveau = $niveau and code_perimetre = $code and scenario = $scenario and annee = $annee
order by sexe, age
