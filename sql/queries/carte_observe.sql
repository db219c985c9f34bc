-- Census population of each commune of a perimeter in one year: everyone, the age range
-- [$age_min, $age_max] and its share (for the map). Unit: inhabitants; part in fraction.
with communes as (
    select code_commune
    from int_commune__perimetres
    where niveau = $niveau and code_perimetre = $code
),

sommes as (
    select
        population.code_commune,
        sum(population.population) as population,
        coalesce(
            sum(population.population) filter (
                where population.age between $age_min and $age_max
            ),
            0
        ) as effectif
    from population
    where population.annee = $annee
        and population.code_commune in (select code_commune from communes)
    group by population.code_commune
)

select
    code_commune,
    population,
    effectif,
    effectif / nullif(population, 0) as part
from sommes
order by code_commune
