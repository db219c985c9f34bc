-- Les scénarios de projection calculés à la construction, le central d'abord : libellé, paramètres
-- (JSON), méthode des intervalles et années projetées. Même ordre que les menus de scénarios
-- (scenarios_catalogue.sql) : le central, puis les autres dans l'ordre de leur calcul.
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
