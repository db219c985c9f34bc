-- Les scénarios de l'utilisateur et les hypothèses de leur version courante, du plus récemment
-- modifié au plus ancien.
select
    scenario.id_scenario,
    scenario.nom,
    scenario.description,
    scenario.auteur,
    scenario.base,
    scenario.cree_le,
    scenario.modifie_le,
    scenario.supprime_le,
    scenario.version_courante,
    version.parametres
from scenario
inner join scenario_version as version
    on version.id_scenario = scenario.id_scenario
    and version.version = scenario.version_courante
order by scenario.modifie_le desc, scenario.id_scenario desc
