-- La population de chaque commune d'un périmètre une année : tous les habitants, le groupe d'âge
-- $groupe_age (ses âges lus dans la table groupe_age) et sa part, au recensement ($scenario nul)
-- ou projetée selon le scénario $scenario ; avec les bornes à 80 % et 95 % de cet effectif
-- (projection, scénario central). Une requête pour les deux : la carte lit le
-- recensement et la projection de la même façon.
-- Grain : une ligne par commune. Unité : habitants ; part en fraction.
with lignes as (
    select
        population.code_commune,
        population.age,
        population.population
    from population
    where $scenario is null
        and population.annee = $annee
    union all
    select
        projection.code_commune,
        projection.age,
        projection.population
    from projection_population as projection
    where projection.scenario = $scenario
        and projection.annee = $annee
),

sommes as (
    select
        lignes.code_commune,
        sum(lignes.population) as population,
        coalesce(
            sum(lignes.population) filter (
                where lignes.age between groupe.age_min and groupe.age_max
            ),
            0
        ) as effectif
    from lignes
    inner join int_commune__perimetres as perimetres
        on perimetres.code_commune = lignes.code_commune
    cross join (select age_min, age_max from groupe_age where groupe_age = $groupe_age) as groupe
    where perimetres.niveau = $niveau
        and perimetres.code_perimetre = $code
    group by lignes.code_commune
),

bornes as (
    -- Les fourchettes simulées du groupe, pour chaque commune (projection seulement).
    select code_perimetre as code_commune, bas_80, haut_80, bas_95, haut_95
    from projection_intervalle
    where niveau = 'commune'
        and scenario = $scenario
        and annee = $annee
        and groupe_age = $groupe_age
),

final as (
    select
        sommes.code_commune,
        sommes.population,
        sommes.effectif,
        sommes.effectif / nullif(sommes.population, 0) as part,
        bornes.bas_80,
        bornes.haut_80,
        bornes.bas_95,
        bornes.haut_95
    from sommes
    left join bornes using (code_commune)
)

select * from final
order by code_commune
