-- Les départements qui ont des communes, pour le sélecteur de communes.
select
    departement.code_dep,
    departement.nom_dep,
    count(*) as nombre_communes
from departement
inner join commune on commune.code_dep = departement.code_dep
group by all
order by departement.code_dep
