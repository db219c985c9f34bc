-- Communes des territoires sans recensement par sexe et âge, avec leurs populations légales :
-- celles dont Vigie estime la structure par âge. Les communes hors de tout territoire ne sont pas
-- estimées (35 000 communes × 202 lignes par année alourdiraient la base pour rien).
-- Grain : une ligne par commune et année de population légale. Unité : habitants.
select
    population_legale.code_commune,
    commune.code_dep,
    population_legale.annee,
    population_legale.population_municipale
from population_legale
inner join commune on commune.code_commune = population_legale.code_commune
where population_legale.code_commune in (select code_commune from territoire_commune)
    and population_legale.code_commune not in (select code_commune from population)
    and population_legale.population_municipale > 0
order by population_legale.code_commune, population_legale.annee
