-- Écriture : population projetée d'un scénario (chemin central et bornes par cellule).
-- Les lignes viennent du DataFrame `_projection` enregistré par vigie/alimentation/projections.py
-- (ResultatProjection.population sans l'année de base, qui est le recensement).
-- Grain : une ligne par scénario, commune, année, sexe, âge. Unité : habitants.
insert into projection_population
select
    $id,
    scenario::text,
    code_commune::text,
    annee,
    sexe,
    age,
    population,
    bas_80,
    haut_80,
    bas_95,
    haut_95
from _projection;
