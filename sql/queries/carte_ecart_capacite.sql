-- Capacity of the facilities of service $service open in year $annee in each commune of a
-- perimeter, against the demand of its projected population (scenario $scenario): demand =
-- population of each age range × its rate. The age ranges ($ages_min, $ages_max), rates ($taux)
-- and unit ($unite) are the perimeter's: its edited ratios on the Services page, else the
-- published default method (vigie/reglages/ratios_utilisateur.tranches_retenues), so the map and
-- the Services page give one demand. A positive gap is a
-- surplus, a negative one a shortfall. Facilities often serve neighbouring communes too: read
-- the map with the perimeter's total. Unit: the service's capacity unit (places, lits, classes).
with communes as (
    select code_commune
    from int_commune__perimetres
    where niveau = $niveau and code_perimetre = $code
),

ratio as (
    -- One row per age range: the three lists are unnested side by side.
    select
        unnest($ages_min::integer[]) as age_min,
        unnest($ages_max::integer[]) as age_max,
        unnest($taux::double[]) as taux
),

demande as (
    select
        projection.code_commune,
        -- Each age range of the method with its own rate (EHPAD by age: 75-84 and 85+).
        sum(projection.population * ratio.taux) as demande
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
    $unite as unite
from demande
left join capacite on capacite.code_commune = demande.code_commune
order by demande.code_commune
