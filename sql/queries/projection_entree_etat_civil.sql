-- Naissances et décès sans détail sexe × âge, pour le modèle de projection : une ligne par commune
-- et période [annee_debut, annee_fin) (fin exclue). Une année de l'état civil communal
-- (etat_civil_commune) est la période annee -> annee + 1 ; les totaux intercensitaires de la série
-- historique (etat_civil_periode : NAIS1521 = naissances du 1er janvier 2015 au 1er janvier 2021)
-- sont gardés entiers. Le modèle s'en sert, en moyennes annuelles, pour une commune et une année
-- sans lignes détaillées dans naissance / deces. Unité : événements sur la période. Seulement les
-- communes qui ont une population.
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

-- colonnes d'annuel et de periode : code_commune, annee_debut, annee_fin, naissances, deces
select *
from final
where code_commune in (select code_commune from population)
order by code_commune, annee_debut, annee_fin
