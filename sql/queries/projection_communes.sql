-- Projected population of each commune of a perimeter for one scenario, up to the horizon: the total
-- and the age groups of the services, with their 80 % bounds (one row per commune, year, age group);
-- the workbook's sheet per commune (issue 18).
with communes as (
    select code_commune
    from int_commune__perimetres
    where niveau = $niveau and code_perimetre = $code
)

select
    code_perimetre as code_commune,
    annee,
    rang,
    groupe_age,
    population,
    bas_80,
    haut_80
from mart_projection_groupe_age
where niveau = 'commune'
    and scenario = $scenario
    and annee <= $horizon
    and code_perimetre in (select code_commune from communes)
order by code_commune, rang, annee
