-- Population d'un périmètre dans une tranche d'âge, observée (années de recensement) puis
-- projetée (scénario central) : le pilote exogène proposé à SARIMAX pour une série d'usage.
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
