-- La population projetée (tous, 0-2 ans, 75 ans et plus) d'un périmètre et des périmètres qui
-- l'englobent, pour le scénario $scenario, avec les bornes simulées à 80 % et 95 % là où elles
-- existent (scénario central ; communes, EPCI et territoires). Un département n'y est que si la
-- base tient toutes ses communes (comme dans mart_population_reperes). Mêmes groupes que
-- mart_projection_groupe_age, sommés ici pour les seuls périmètres concernés (la vue somme tous
-- les périmètres).
-- Grain : une ligne par niveau, code de périmètre, année et groupe d'âge. Unité : habitants.
with parents as (
    -- Le périmètre et ceux qui l'englobent (vue partagée avec comparaison_* et perimetres_parents).
    select niveau_englobant as niveau, code_englobant as code_perimetre
    from int_perimetre__englobants
    where niveau = $niveau and code_perimetre = $code
),

complets as (
    -- Les périmètres dont les chiffres du recensement viennent de toutes leurs communes.
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
    -- Trois groupes de la table de référence groupe_age (leurs âges n'y sont écrits qu'une fois).
    select groupe_age, age_min, age_max
    from groupe_age
    where groupe_age in ('Ensemble', '0-2 ans', '75 ans et plus')
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
),

bornes as (
    -- Les fourchettes simulées du scénario, là où il y en a.
    select niveau, code_perimetre, annee, groupe_age, bas_80, haut_80, bas_95, haut_95
    from projection_intervalle
    where scenario = $scenario
),

final as (
    select
        sommes.niveau,
        sommes.code_perimetre,
        sommes.annee,
        sommes.groupe_age,
        sommes.population,
        bornes.bas_80,
        bornes.haut_80,
        bornes.bas_95,
        bornes.haut_95
    from sommes
    left join bornes using (niveau, code_perimetre, annee, groupe_age)
)

select * from final
order by niveau, code_perimetre, annee, groupe_age
