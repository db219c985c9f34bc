-- Births and deaths without sex × age detail, for the projection model: one row per commune and
-- period [annee_debut, annee_fin) (end excluded). A year of the commune état civil
-- (etat_civil_commune) is the period annee -> annee + 1; the intercensal totals of the historical
-- series (etat_civil_periode: NAIS1521 = births from 1 January 2015 to 1 January 2021) are kept
-- whole. The model uses them, as yearly averages, for a commune and year without detailed rows in
-- naissance / deces. Unit: events over the period. Only communes with a population.
with annuel as (
    select
        code_commune,
        annee as annee_debut,
        annee + 1 as annee_fin,
        naissances,
        deces
    from etat_civil_commune
),

periode as (
    select
        code_commune,
        annee_debut,
        annee_fin,
        naissances,
        deces
    from etat_civil_periode
    where annee_fin > annee_debut
),

final as (
    select * from annuel
    union all
    select * from periode
)

-- columns: those of annuel and periode (code_commune, annee_debut, annee_fin, naissances, deces)
select *
from final
where code_commune in (select code_commune from population)
order by code_commune, annee_debut, annee_fin
