-- Population by service age group, every census year.
select annee, rang, groupe_age, age_min, age_max, population
from mart_population_groupe_age
where niveau = $niveau and code_perimetre = $code
order by annee, rang
