-- Projected population of each commune of a perimeter in one year and scenario: everyone, the age
-- range [$age_min, $age_max], its share, and the 80 % / 95 % bounds of that count when the range
-- is one of the simulated service age groups (central scenario only). Unit: inhabitants.
with communes as (
    select code_commune
    from int_commune__perimetres
    where niveau = $niveau and code_perimetre = $code
),

groupes as (
    -- Same groups as the view mart_projection_groupe_age (labels of projection_intervalle).
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
    where age_min = $age_min and age_max = $age_max
),

sommes as (
    select
        projection.code_commune,
        sum(projection.population) as population,
        coalesce(
            sum(projection.population) filter (
                where projection.age between $age_min and $age_max
            ),
            0
        ) as effectif
    from projection_population as projection
    where projection.scenario = $scenario
        and projection.annee = $annee
        and projection.code_commune in (select code_commune from communes)
    group by projection.code_commune
)

select
    sommes.code_commune,
    sommes.population,
    sommes.effectif,
    sommes.effectif / nullif(sommes.population, 0) as part,
    intervalle.bas_80,
    intervalle.haut_80,
    intervalle.bas_95,
    intervalle.haut_95
from sommes
left join groupes on true
left join projection_intervalle as intervalle
    on intervalle.niveau = 'commune'
    and intervalle.code_perimetre = sommes.code_commune
    and intervalle.scenario = $scenario
    and intervalle.annee = $annee
    and intervalle.groupe_age = groupes.groupe_age
order by sommes.code_commune
