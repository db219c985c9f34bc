-- Projection scenarios computed at build, central first: label, parameters (JSON), interval
-- method and projected years.
select
    scenario.scenario,
    scenario.libelle,
    scenario.parametres,
    scenario.methode_intervalles,
    min(projection.annee) as premiere_annee,
    max(projection.annee) as derniere_annee
from projection_scenario as scenario
inner join (select distinct scenario, annee from projection_population) as projection
    on projection.scenario = scenario.scenario
group by
    scenario.scenario,
    scenario.libelle,
    scenario.parametres,
    scenario.methode_intervalles
order by scenario.scenario <> 'central', scenario.scenario
