-- Observed population of a perimeter in the projection's age groups, every census year.
-- Same groups as mart_projection_groupe_age (0-2, 3-5, 6-10, 11-14, 75+, 85+...).
with groupes as (
    select * from (values
        ('Ensemble', 0, 100),
        ('0-2 ans', 0, 2),
        ('3-5 ans', 3, 5),
        ('6-10 ans', 6, 10),
        ('11-14 ans', 11, 14),
        ('15-17 ans', 15, 17),
        ('18-24 ans', 18, 24),
        ('25-59 ans', 25, 59),
        ('60-74 ans', 60, 74),
        ('75 ans et plus', 75, 100),
        ('85 ans et plus', 85, 100)
    ) as g (groupe_age, age_min, age_max)
)
select population.annee, groupes.groupe_age, sum(population.population) as population
from mart_population_perimetre as population
inner join groupes on population.age between groupes.age_min and groupes.age_max
where population.niveau = $niveau and population.code_perimetre = $code
group by all
order by groupes.groupe_age, population.annee
