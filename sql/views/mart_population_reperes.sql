-- titre: Chiffres de référence pour comparer un territoire
-- description: Population, enfants de moins de 3 ans et personnes de 75 ans ou plus, et leurs parts,
--   pour chaque périmètre et année : communes, EPCI et territoires sommés des communes ; départements
--   sommés des communes quand la base les contient toutes, sinon (et en priorité) tirés des
--   estimations de population de l'INSEE (table population_reference), comme la région et la France.
--   À défaut (une base réelle sans le recensement par âge de tout le département), département,
--   région et France sont la somme des populations légales de leurs communes (population_legale),
--   la part des 75 ans ou plus venant des estimations par département de l'INSEE
--   (population_departement) de la même année quand elles existent ; les années que seules ces
--   estimations couvrent viennent d'elles. Les 0-2 ans restent vides quand la source ne donne que
--   des âges quinquennaux.
-- grain: une ligne par niveau, code de périmètre, année
-- unite: habitants ; parts en fraction (0,034 = 3,4 %)
-- source: INSEE, recensement de la population (table population), estimations de population (tables population_reference et population_departement), populations légales (table population_legale)
create or replace view mart_population_reperes as
with

communes_connues as (
    -- Le nombre de communes de chaque département que liste la base, pour distinguer une somme
    -- complète d'une somme partielle.
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
    -- Un département ne compte que si chacune de ses communes a une population cette année-là.
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
        -- Un groupe d'âge n'est sommé que si les tranches tombent exactement sur ses bornes.
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
    -- Mêmes colonnes, dans le même ordre, que depuis_communes.
    select
        *,
        1 as priorite
    from bandes
),

noms_regions as (
    -- Les régions du COG (codes stables depuis 2016) : la base ne garde pas leur nom.
    select * from (
        values
            ('01', 'Guadeloupe'), ('02', 'Martinique'), ('03', 'Guyane'),
            ('04', 'La Réunion'), ('06', 'Mayotte'), ('11', 'Île-de-France'),
            ('24', 'Centre-Val de Loire'), ('27', 'Bourgogne-Franche-Comté'),
            ('28', 'Normandie'), ('32', 'Hauts-de-France'), ('44', 'Grand Est'),
            ('52', 'Pays de la Loire'), ('53', 'Bretagne'),
            ('75', 'Nouvelle-Aquitaine'), ('76', 'Occitanie'),
            ('84', 'Auvergne-Rhône-Alpes'), ('93', 'Provence-Alpes-Côte d''Azur'),
            ('94', 'Corse')
    ) as noms (code_reg, nom_reg)
),

communes_hors_demo as (
    -- Les communes réelles (le département 00 est celui de la démonstration), rattachées à leur
    -- département, à leur région et à la France.
    select
        commune.code_commune,
        commune.code_dep,
        coalesce(departement.nom_dep, 'Département ' || commune.code_dep) as nom_dep,
        commune.code_reg,
        coalesce(noms_regions.nom_reg, 'Région ' || commune.code_reg) as nom_reg
    from commune
    left join departement on departement.code_dep = commune.code_dep
    left join noms_regions on noms_regions.code_reg = commune.code_reg
    where commune.code_dep <> '00'
),

appartenances as (
    select 'departement' as niveau, code_dep as code_perimetre, nom_dep as nom_perimetre,
        code_commune, code_dep
    from communes_hors_demo
    union all
    select 'region', code_reg, nom_reg, code_commune, code_dep from communes_hors_demo
    union all
    select 'france', 'FR', 'France', code_commune, code_dep from communes_hors_demo
),

legales as (
    -- Sommes des populations municipales légales (sans détail par âge).
    select
        appartenances.niveau,
        appartenances.code_perimetre,
        any_value(appartenances.nom_perimetre) as nom_perimetre,
        population_legale.annee,
        sum(population_legale.population_municipale) as population
    from population_legale
    inner join appartenances on appartenances.code_commune = population_legale.code_commune
    group by all
),

departements_des_perimetres as (
    select distinct niveau, code_perimetre, nom_perimetre, code_dep from appartenances
),

estimations_departement as (
    -- Estimations de l'INSEE par département : l'ensemble des deux sexes (sexe 0) quand le
    -- fichier le donne, sinon hommes + femmes ; age_max vide = « 95 ans et plus ».
    select
        code_dep,
        annee,
        sum(population) as population,
        sum(population) filter (where age_min >= 75) as population_75_plus
    from population_departement
    where sexe = 0
        or not exists (
            select 1
            from population_departement as ensemble
            where ensemble.code_dep = population_departement.code_dep
                and ensemble.annee = population_departement.annee
                and ensemble.sexe = 0
        )
    group by all
),

estimations as (
    -- Sommées au département, à la région et à la France quand tous leurs départements y sont.
    select
        perimetres.niveau,
        perimetres.code_perimetre,
        any_value(perimetres.nom_perimetre) as nom_perimetre,
        estimations_departement.annee,
        sum(estimations_departement.population) as population,
        sum(estimations_departement.population_75_plus) as population_75_plus,
        count(*) as departements,
        any_value(attendus.departements) as departements_attendus,
        any_value(source.editeur || ', ' || source.titre || ' (' || source.millesime || ')')
            as origine
    from estimations_departement
    inner join departements_des_perimetres as perimetres
        on perimetres.code_dep = estimations_departement.code_dep
    inner join (
        select niveau, code_perimetre, count(*) as departements
        from departements_des_perimetres
        group by all
    ) as attendus
        on attendus.niveau = perimetres.niveau
        and attendus.code_perimetre = perimetres.code_perimetre
    inner join (
        select distinct code_dep, annee, id_source from population_departement
    ) as fichiers
        on fichiers.code_dep = estimations_departement.code_dep
        and fichiers.annee = estimations_departement.annee
    inner join source on source.id_source = fichiers.id_source
    group by all
    having count(*) = any_value(attendus.departements)
),

depuis_legales as (
    -- Total des populations légales ; 75 ans ou plus à la part des estimations de la même année.
    select
        legales.niveau,
        legales.code_perimetre,
        legales.nom_perimetre,
        legales.annee,
        legales.population,
        null::double as population_0_2,
        legales.population * estimations.population_75_plus
            / nullif(estimations.population, 0) as population_75_plus,
        'populations légales des communes (INSEE)'
            || case
                when estimations.population is not null
                    then ' ; part des 75 ans ou plus : estimations par département (INSEE)'
                else ''
            end as origine,
        3 as priorite
    from legales
    left join estimations
        on estimations.niveau = legales.niveau
        and estimations.code_perimetre = legales.code_perimetre
        and estimations.annee = legales.annee
),

depuis_estimations as (
    -- Les années que seules les estimations par département couvrent.
    select
        estimations.niveau,
        estimations.code_perimetre,
        estimations.nom_perimetre,
        estimations.annee,
        estimations.population,
        null::double as population_0_2,
        estimations.population_75_plus,
        estimations.origine,
        4 as priorite
    from estimations
),

ensemble as (
    select * from depuis_communes
    union all
    select * from depuis_reference
    union all
    select * from depuis_legales
    union all
    select * from depuis_estimations
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
