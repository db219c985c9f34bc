-- The stored scenarios (central first), their label, parameters (JSON) and interval method.
select scenario, libelle, parametres, methode_intervalles
from projection_scenario
order by scenario <> 'central', scenario
