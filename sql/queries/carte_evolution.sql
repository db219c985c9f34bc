-- Évolution de la population recensée de chaque commune d'un périmètre entre deux années :
-- en habitants, en % et en taux annuel (comme l'exprime l'INSEE).
with communes as (
    select code_commune
    from int_commune__perimetres
    where niveau = $niveau and code_perimetre = $code
),

sommes as (
    select
        code_commune,
        sum(population) filter (where annee = $annee_debut) as population_debut,
        sum(population) filter (where annee = $annee_fin) as population_fin
    from population
    where annee in ($annee_debut, $annee_fin)
        and code_commune in (select code_commune from communes)
    group by code_commune
)

select
    code_commune,
    population_debut,
    population_fin,
    population_fin - population_debut as variation,
    population_fin / nullif(population_debut, 0) - 1 as evolution,
    pow(
        population_fin / nullif(population_debut, 0),
        1.0 / nullif($annee_fin - $annee_debut, 0)
    ) - 1 as taux_annuel
from sommes
where population_debut is not null and population_fin is not null
order by code_commune
