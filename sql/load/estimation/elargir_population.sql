-- Élargit les intervalles par âge détaillé des communes estimées (calcul $id_calcul) :
-- demi-largeur de chaque côté = √(demi-largeur simulée² + (z · écart · effectif)²), z = 1,2816
-- (80 %) et 1,96 (95 %). `_ecarts_ages` (age, ecart) est enregistré par
-- vigie/alimentation/estimation.py ; voir sa docstring pour la mesure de l'écart.
update projection_population
set
    bas_80 = greatest(
        0,
        population - sqrt(
            power(population - bas_80, 2) + power(1.2816 * _ecarts_ages.ecart * population, 2)
        )
    ),
    haut_80 = population + sqrt(
        power(haut_80 - population, 2) + power(1.2816 * _ecarts_ages.ecart * population, 2)
    ),
    bas_95 = greatest(
        0,
        population - sqrt(
            power(population - bas_95, 2) + power(1.96 * _ecarts_ages.ecart * population, 2)
        )
    ),
    haut_95 = population + sqrt(
        power(haut_95 - population, 2) + power(1.96 * _ecarts_ages.ecart * population, 2)
    )
from _ecarts_ages
where projection_population.id_calcul = $id_calcul
    and projection_population.age = _ecarts_ages.age
    and projection_population.bas_80 is not null
    and projection_population.code_commune in (select code_commune from population_estimee)
