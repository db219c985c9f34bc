-- Écriture : intervalles 80 % et 95 % des totaux (commune, EPCI, territoire × groupes d'âges).
-- Les lignes viennent du DataFrame `_intervalles` (ResultatProjection.intervalles_agreges).
-- Grain : une ligne par scénario, niveau, périmètre, année, groupe d'âges. Unité : habitants.
insert into projection_intervalle
select
    $id,
    scenario,
    niveau,
    code,
    annee,
    groupe_age,
    population,
    bas_80,
    haut_80,
    bas_95,
    haut_95
from _intervalles;
