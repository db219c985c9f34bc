-- Les communes d'un périmètre, avec leur EPCI.
select
    commune.code_commune,
    commune.nom_commune,
    commune.code_epci,
    commune.code_dep,
    commune.littoral
from int_commune__perimetres as perimetres
inner join commune on commune.code_commune = perimetres.code_commune
where perimetres.niveau = $niveau and perimetres.code_perimetre = $code
order by commune.nom_commune
