-- Écriture : composantes de la projection (naissances, décès, solde migratoire, logements).
-- Les lignes viennent du DataFrame `_composantes` (ResultatProjection.composantes).
-- Grain : une ligne par scénario, commune, année. Unité : personnes par an.
insert into projection_composante
select
    $id,
    scenario,
    code_commune,
    annee,
    naissances,
    deces,
    solde_migratoire,
    arrivees_logement
from _composantes;
