-- titre: Chiffres de référence pour comparer un territoire
-- description: Population, enfants de moins de 3 ans et personnes de 75 ans ou plus, et leurs parts,
--   pour chaque périmètre et année : communes, EPCI et territoires sommés des communes ; départements
--   sommés des communes quand la base les contient toutes, sinon (et en priorité) tirés des
--   estimations de population de l'INSEE (table population_reference), comme la région et la France.
--   Les 0-2 ans restent vides quand la source ne donne que des âges quinquennaux.
-- grain: une ligne par niveau, code de périmètre, année
-- unite: habitants ; parts en fraction (0,034 = 3,4 %)
-- source: INSEE, recensement de la population (table population) et estimations de population (table population_reference)
create or replace view mart_population_reperes as
with

communes_connues as (
    -- How many communes of each département the base lists, to tell a complete sum from a partial one.
    select
        code_dep,
        count(*) as communes
    from commune
    group by code_dep
),

sommes_communes as (
    select
        perimetres.niveau,
        perimetres.code_perimetre,
        any_value(perimetres.nom_perimetre) as nom_perimetre,
        population.annee,
        count(distinct population.code_commune) as communes_sommees,
        sum(population.population) as population,
        sum(population.population) filter (where population.age <= 2) as population_0_2,
        sum(population.population) filter (where population.age >= 75) as population_75_plus
    from population
    inner join int_commune__perimetres as perimetres
        on perimetres.code_commune = population.code_commune
    group by all
),

depuis_communes as (
    select
        sommes.niveau,
        sommes.code_perimetre,
        sommes.nom_perimetre,
        sommes.annee,
        sommes.population,
        sommes.population_0_2,
        sommes.population_75_plus,
        'somme des ' || sommes.communes_sommees || ' communes de la base' as origine,
        2 as priorite
    from sommes_communes as sommes
    left join communes_connues
        on sommes.niveau = 'departement'
        and communes_connues.code_dep = sommes.code_perimetre
    -- A département counts only when every one of its communes has a population that year.
    where sommes.niveau <> 'departement'
        or sommes.communes_sommees = communes_connues.communes
),

bandes as (
    select
        reference.niveau,
        reference.code_perimetre,
        any_value(reference.nom_perimetre) as nom_perimetre,
        reference.annee,
        sum(reference.population) as population,
        -- An age group is only summed when the bands fall exactly on its bounds.
        case
            when bool_or(reference.age_max = 2)
                then sum(reference.population) filter (where reference.age_max <= 2)
        end as population_0_2,
        case
            when bool_or(reference.age_min = 75)
                then sum(reference.population) filter (where reference.age_min >= 75)
        end as population_75_plus,
        string_agg(distinct source.editeur || ', ' || source.titre || ' (' || source.millesime || ')', ' ; ')
            as origine
    from population_reference as reference
    inner join source on source.id_source = reference.id_source
    group by reference.niveau, reference.code_perimetre, reference.annee
),

depuis_reference as (
    -- Same columns, in the same order, as depuis_communes.
    select
        *,
        1 as priorite
    from bandes
),

ensemble as (
    select * from depuis_communes
    union all
    select * from depuis_reference
),

final as (
    select
        niveau,
        code_perimetre,
        nom_perimetre,
        annee,
        population,
        population_0_2,
        population_75_plus,
        population_0_2 / nullif(population, 0) as part_0_2,
        population_75_plus / nullif(population, 0) as part_75_plus,
        origine
    from ensemble
    qualify row_number() over (
        partition by niveau, code_perimetre, annee order by priorite
    ) = 1
)

select * from final
