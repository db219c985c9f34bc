-- Every perimeter that can be chosen in the sidebar, with its number of communes.
select
    niveau,
    code_perimetre,
    any_value(nom_perimetre) as nom_perimetre,
    count(*) as nombre_communes
from int_commune__perimetres
group by all
order by niveau, nom_perimetre
