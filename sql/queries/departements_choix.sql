-- Départements that have communes, for the commune picker.
select
    departement.code_dep,
    departement.nom_dep,
    count(*) as nombre_communes
from departement
inner join commune on commune.code_dep = departement.code_dep
group by all
order by departement.code_dep
