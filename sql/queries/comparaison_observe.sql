-- Census figures of a perimeter and of every perimeter it lies in (EPCI, territory, département),
-- plus the région and France when their figures exist (table population_reference), every year.
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

departements as (
    select distinct commune.code_dep, commune.code_reg
    from commune
    where commune.code_commune in (select code_commune from communes)
),

reperes as (
    select niveau, code_perimetre from parents
    union
    select 'departement', code_dep from departements
    union
    select 'region', code_reg from departements
    union
    select 'france', code_perimetre
    from population_reference
    where niveau = 'france'
)

select
    reperes.niveau,
    reperes.code_perimetre,
    chiffres.nom_perimetre,
    chiffres.annee,
    chiffres.population,
    chiffres.population_0_2,
    chiffres.population_75_plus,
    chiffres.part_0_2,
    chiffres.part_75_plus,
    chiffres.origine
from reperes
inner join mart_population_reperes as chiffres
    on chiffres.niveau = reperes.niveau
    and chiffres.code_perimetre = reperes.code_perimetre
order by reperes.niveau, reperes.code_perimetre, chiffres.annee
