-- Chaque EPCI avec son nombre de communes et son ou ses départements, pour composer un
-- territoire.
select
    epci.code_epci,
    epci.nom_epci,
    epci.nature_epci,
    count(commune.code_commune) as nombre_communes,
    string_agg(distinct commune.code_dep, ', ' order by commune.code_dep) as departements
from epci
inner join commune on commune.code_epci = epci.code_epci
group by all
order by epci.nom_epci
