-- Évolution projetée de la population de chaque commune d'un périmètre, du dernier recensement à
-- l'année $annee selon le scénario $scenario. Unité : habitants ; évolution en fraction.
with communes as (
    select code_commune
    from int_commune__perimetres
    where niveau = $niveau and code_perimetre = $code
),

dernier_recensement as (
    select max(annee) as annee from population
),

observe as (
    select code_commune, sum(population) as population_debut
    from population
    where annee = (select annee from dernier_recensement)
        and code_commune in (select code_commune from communes)
    group by code_commune
),

projete as (
    select code_commune, sum(population) as population_fin
    from projection_population
    where scenario = $scenario
        and annee = $annee
        and code_commune in (select code_commune from communes)
    group by code_commune
)

select
    observe.code_commune,
    (select annee from dernier_recensement) as annee_debut,
    observe.population_debut,
    projete.population_fin,
    projete.population_fin - observe.population_debut as variation,
    projete.population_fin / nullif(observe.population_debut, 0) - 1 as evolution
from observe
inner join projete on projete.code_commune = observe.code_commune
order by observe.code_commune
