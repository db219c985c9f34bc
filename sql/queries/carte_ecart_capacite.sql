-- Capacity of the facilities of service $service open in year $annee in each commune of a
-- perimeter, against the demand of its projected population (scenario $scenario): demand =
-- population of the ratio's age range × ratio / par (table ratio_demande). A positive gap is a
-- surplus, a negative one a shortfall. Facilities often serve neighbouring communes too: read
-- the map with the perimeter's total. Unit: the service's capacity unit (places, lits, classes).
with communes as (
    select code_commune
    from int_commune__perimetres
    where niveau = $niveau and code_perimetre = $code
),

ratio as (
    select age_min, age_max, ratio, par, unite
    from ratio_demande
    where service = $service
        and defaut  -- the published default method (one per service; see sql/checks)
),

demande as (
    select
        projection.code_commune,
        -- Each age range of the method with its own rate (EHPAD by age: 75-84 and 85+).
        sum(projection.population * ratio.ratio / ratio.par) as demande
    from projection_population as projection
    inner join ratio on projection.age between ratio.age_min and ratio.age_max
    where projection.scenario = $scenario
        and projection.annee = $annee
        and projection.code_commune in (select code_commune from communes)
    group by projection.code_commune
),

capacite as (
    select code_commune, sum(capacite) as capacite
    from equipement
    where service = $service
        and (annee_ouverture is null or annee_ouverture <= $annee)
        and (annee_fermeture is null or annee_fermeture > $annee)
        and code_commune in (select code_commune from communes)
    group by code_commune
)

select
    demande.code_commune,
    demande.demande,
    coalesce(capacite.capacite, 0) as capacite,
    coalesce(capacite.capacite, 0) - demande.demande as ecart,
    (select unite from ratio) as unite
from demande
left join capacite on capacite.code_commune = demande.code_commune
order by demande.code_commune
