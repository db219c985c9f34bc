-- Projection scenarios computed at build, central first: label, parameters (JSON), interval
-- method and projected years. Same order as the scenario menus (scenarios_catalogue.sql): central,
-- then the others in the order they were computed.
with annees as (
    select scenario, min(annee) as premiere_annee, max(annee) as derniere_annee
    from projection_population
    group by scenario
)
select
    definition.scenario,
    definition.libelle,
    definition.parametres,
    definition.methode_intervalles,
    annees.premiere_annee,
    annees.derniere_annee
from projection_scenario as definition
inner join annees on annees.scenario = definition.scenario
order by definition.scenario <> 'central', definition.rowid
