-- Élargit les intervalles des totaux (commune, EPCI, territoire × groupe d'âges) du calcul
-- $id_calcul selon la part qu'y tiennent les communes estimées : l'erreur de structure est
-- supposée commune à toutes (même département), donc sans compensation entre communes.
-- `_ecarts_groupes` (groupe_age, age_min, age_max, ecart, croissance) est enregistré par
-- vigie/alimentation/estimation.py ; `croissance` vrai : l'écart croît de 0 à `ecart` sur
-- $horizon_total années (ensemble des âges, dont le total de départ est connu).
with

estimees as (
    select distinct code_commune
    from population_estimee
),

base_annee as (
    select min(annee) - 1 as annee
    from projection_population
    where id_calcul = $id_calcul
        and code_commune in (select code_commune from estimees)
),

membres as (
    select 'commune' as niveau, code_commune as code_perimetre, code_commune
    from estimees
    union all
    select 'epci', commune.code_epci, commune.code_commune
    from commune
    where commune.code_commune in (select code_commune from estimees)
        and commune.code_epci is not null
    union all
    select 'territoire', territoire_commune.code_territoire, territoire_commune.code_commune
    from territoire_commune
    where territoire_commune.code_commune in (select code_commune from estimees)
),

part_estimee as (
    select
        projection_population.scenario,
        membres.niveau,
        membres.code_perimetre,
        projection_population.annee,
        _ecarts_groupes.groupe_age,
        sum(projection_population.population) as population,
        any_value(_ecarts_groupes.ecart) as ecart,
        any_value(_ecarts_groupes.croissance) as croissance
    from projection_population
    inner join membres on membres.code_commune = projection_population.code_commune
    inner join _ecarts_groupes
        on projection_population.age between _ecarts_groupes.age_min and _ecarts_groupes.age_max
    where projection_population.id_calcul = $id_calcul
    group by all
),

ecarts as (
    select
        part_estimee.*,
        part_estimee.population * part_estimee.ecart * case
            when part_estimee.croissance
                then least(1.0, (part_estimee.annee - base_annee.annee) / $horizon_total)
            else 1.0
        end as ecart_effectif
    from part_estimee
    cross join base_annee
),

final as (
    -- L'erreur de structure au niveau de chaque borne, au carré (z = 1,2816 à 80 %, 1,96 à 95 %).
    select
        *,
        power(1.2816 * ecart_effectif, 2) as carre_80,
        power(1.96 * ecart_effectif, 2) as carre_95
    from ecarts
)

-- Chaque borne s'écarte de la valeur centrale de la somme quadratique de son écart simulé et de
-- l'erreur de structure ; une borne basse s'arrête à 0.
update projection_intervalle as intervalle
set
    bas_80 = greatest(0, intervalle.population
        - sqrt(power(intervalle.population - intervalle.bas_80, 2) + final.carre_80)),
    haut_80 = intervalle.population
        + sqrt(power(intervalle.haut_80 - intervalle.population, 2) + final.carre_80),
    bas_95 = greatest(0, intervalle.population
        - sqrt(power(intervalle.population - intervalle.bas_95, 2) + final.carre_95)),
    haut_95 = intervalle.population
        + sqrt(power(intervalle.haut_95 - intervalle.population, 2) + final.carre_95)
from final
where intervalle.id_calcul = $id_calcul
    and intervalle.scenario = final.scenario
    and intervalle.niveau = final.niveau
    and intervalle.code_perimetre = final.code_perimetre
    and intervalle.annee = final.annee
    and intervalle.groupe_age = final.groupe_age
