-- Population observée d'un périmètre dans les groupes d'âge de la projection, chaque année de
-- recensement. Mêmes groupes que mart_projection_groupe_age (table groupe_age, groupes de la
-- projection).
with groupes as (
    select groupe_age, age_min, age_max
    from groupe_age
    where projection
)
select population.annee, groupes.groupe_age, sum(population.population) as population
from mart_population_perimetre as population
inner join groupes on population.age between groupes.age_min and groupes.age_max
where population.niveau = $niveau and population.code_perimetre = $code
group by all
order by groupes.groupe_age, population.annee
