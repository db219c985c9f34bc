-- Projected population (everyone, 0-2, 75+) of a perimeter and of the perimeters it lies in,
-- for scenario $scenario, with the simulated 80 % / 95 % bounds where they exist (central scenario;
-- communes, EPCI and territories). A département is included only when the base holds all of its
-- communes (as in mart_population_reperes). Same groups as mart_projection_groupe_age, summed
-- here for the few perimeters concerned only (the view sums every perimeter).
with communes as (
    select code_commune
    from int_commune__perimetres
    where niveau = $niveau and code_perimetre = $code
),

parents as (
    select niveau, code_perimetre
    from int_commune__perimetres
    where code_commune in (select code_commune from communes)
    group by all
    having count(*) = (select count(*) from communes)
),

complets as (
    -- Perimeters whose census figures come from all their communes (see mart_population_reperes).
    select distinct reperes.niveau, reperes.code_perimetre
    from mart_population_reperes as reperes
    inner join parents
        on parents.niveau = reperes.niveau
        and parents.code_perimetre = reperes.code_perimetre
    where reperes.origine like 'somme des %'
),

membres as (
    select perimetres.niveau, perimetres.code_perimetre, perimetres.code_commune
    from int_commune__perimetres as perimetres
    inner join complets
        on complets.niveau = perimetres.niveau
        and complets.code_perimetre = perimetres.code_perimetre
),

groupes as (
    select * from (values
        ('Ensemble', 0, 100),
        ('0-2 ans', 0, 2),
        ('75 ans et plus', 75, 100)
    ) as g (groupe_age, age_min, age_max)
),

par_commune as (
    select
        projection.code_commune,
        projection.annee,
        groupes.groupe_age,
        sum(projection.population) as population
    from projection_population as projection
    inner join groupes on projection.age between groupes.age_min and groupes.age_max
    where projection.scenario = $scenario
        and projection.code_commune in (select code_commune from membres)
    group by all
),

sommes as (
    select
        membres.niveau,
        membres.code_perimetre,
        par_commune.annee,
        par_commune.groupe_age,
        sum(par_commune.population) as population
    from par_commune
    inner join membres on membres.code_commune = par_commune.code_commune
    group by all
)

select
    sommes.niveau,
    sommes.code_perimetre,
    sommes.annee,
    sommes.groupe_age,
    sommes.population,
    intervalle.bas_80,
    intervalle.haut_80,
    intervalle.bas_95,
    intervalle.haut_95
from sommes
left join projection_intervalle as intervalle
    on intervalle.scenario = $scenario
    and intervalle.niveau = sommes.niveau
    and intervalle.code_perimetre = sommes.code_perimetre
    and intervalle.annee = sommes.annee
    and intervalle.groupe_age = sommes.groupe_age
order by sommes.niveau, sommes.code_perimetre, sommes.annee, sommes.groupe_age
