-- Projection scenarios computed at build, central first: label, parameters (JSON), interval
-- method and projected years.
with

annees as (
    select
        scenario,
        min(annee) as premiere_annee,
        max(annee) as derniere_annee
    from projection_population
    group by scenario
),

final as (
    select
        scenario.scenario,
        scenario.libelle,
        scenario.parametres,
        scenario.methode_intervalles,
        annees.premiere_annee,
        annees.derniere_annee
    from projection_scenario as scenario
    inner join annees on annees.scenario = scenario.scenario
)

select * from final
order by scenario <> 'central', scenario
