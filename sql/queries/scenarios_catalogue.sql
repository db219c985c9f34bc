-- Le catalogue des scénarios qu'une page propose : les scénarios standard de la base construite,
-- puis les scénarios enregistrés par l'utilisateur (hors corbeille), dans un ordre fixe.
-- Grain : une ligne par scénario. Lancée sur la base de l'utilisateur, la base construite attachée
-- en lecture seule sous le nom `base` (vigie/stockage/base_utilisateur.py, `lire_avec_base`).
-- Ordre : le scénario central, les autres standard dans l'ordre de leur calcul, puis les
-- enregistrés du plus récemment créé au plus ancien (numéro décroissant : l'ordre ne bouge pas
-- quand un scénario reçoit une nouvelle version).
-- Source : table projection_scenario (construction) ; tables scenario et scenario_version de
-- sql/utilisateur/schema.sql (version courante).
with standard as (
    select
        definition.scenario as cle,
        definition.libelle,
        definition.parametres,
        false as enregistre,
        'Scénario standard calculé à la construction de la base.' as description,
        '' as auteur,
        cast(null as integer) as version,
        cast(null as timestamp) as modifie_le,
        0 as famille,
        case when definition.scenario = 'central' then 0 else 1 end as rang,
        definition.rowid as ordre
    from base.projection_scenario as definition
),

enregistres as (
    select
        cast(scenario.id_scenario as text) as cle,
        scenario.nom as libelle,
        version.parametres,
        true as enregistre,
        scenario.description,
        scenario.auteur,
        scenario.version_courante as version,
        scenario.modifie_le,
        1 as famille,
        0 as rang,
        -scenario.id_scenario as ordre
    from scenario
    inner join scenario_version as version
        on version.id_scenario = scenario.id_scenario
        and version.version = scenario.version_courante
    where scenario.supprime_le is null
),

final as (
    select * from standard
    union all
    select * from enregistres
)

select
    cle,
    libelle,
    parametres,
    enregistre,
    description,
    auteur,
    version,
    modifie_le
from final
order by famille, rang, ordre
