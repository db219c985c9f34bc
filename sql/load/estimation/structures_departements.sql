-- Population des départements par sexe et groupe d'âges (estimations INSEE), hommes et femmes :
-- la structure reprise pour les communes sans détail. Grain : département, année, sexe, groupe.
select
    code_dep,
    annee,
    sexe,
    age_min,
    population
from population_departement
where sexe in (1, 2)
order by code_dep, annee, sexe, age_min
