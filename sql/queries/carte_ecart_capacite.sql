-- Capacité des équipements du service $service ouverts l'année $annee dans chaque commune d'un
-- périmètre, face à la demande de sa population projetée (scénario $scenario) : demande =
-- population de chaque tranche d'âge × son taux. Les tranches d'âge ($ages_min, $ages_max), les
-- taux ($taux) et l'unité ($unite) sont ceux du périmètre : ses ratios modifiés sur la page
-- Services, sinon la méthode publiée par défaut
-- (vigie/reglages/ratios_utilisateur.tranches_retenues), pour que la carte et la page Services
-- donnent la même demande. Un écart positif est un excédent, un écart négatif un manque. Les
-- équipements servent souvent aussi les communes voisines : lire la carte avec le total du
-- périmètre. Unité : l'unité de capacité du service (places, lits, classes).
with communes as (
    select code_commune
    from int_commune__perimetres
    where niveau = $niveau and code_perimetre = $code
),

ratio as (
    -- Une ligne par tranche d'âge : les trois listes sont dépliées (unnest) côte à côte.
    select
        unnest($ages_min::integer[]) as age_min,
        unnest($ages_max::integer[]) as age_max,
        unnest($taux::double[]) as taux
),

demande as (
    select
        projection.code_commune,
        -- Chaque tranche d'âge de la méthode avec son propre taux (EHPAD par âge : 75-84 et 85+).
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
