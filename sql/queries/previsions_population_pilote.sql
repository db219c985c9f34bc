-- Population of a perimeter in an age range, observed (census years) then projected (central
-- scenario): the exogenous driver offered to SARIMAX for a usage series.
with observee as (
    select annee, sum(population) as population
    from mart_population_perimetre
    where niveau = $niveau and code_perimetre = $code and age between $age_min and $age_max
    group by annee
),
projetee as (
    select annee, sum(population) as population
    from mart_projection_perimetre
    where niveau = $niveau and code_perimetre = $code and scenario = 'central'
        and age between $age_min and $age_max
        and annee > (select max(annee) from observee)
    group by annee
)
select annee, population from observee
union all
select annee, population from projetee
order by annee
