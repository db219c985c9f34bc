-- The perimeters that contain the communes of the chosen one (its EPCI, département, territory).
with communes as (
    select code_commune
    from int_commune__perimetres
    where niveau = $niveau and code_perimetre = $code
)
select
    niveau,
    code_perimetre,
    any_value(nom_perimetre) as nom_perimetre
from int_commune__perimetres
where code_commune in (select code_commune from communes)
group by all
having count(*) = (select count(*) from communes)
