-- Back-projection errors and interval coverage (all levels, horizons, age groups, size classes).
select *
from mart_projection_fiabilite
order by annee_origine, horizon, niveau, groupe_age, classe_taille
