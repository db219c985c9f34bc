-- controle: les tranches d'âge d'une même méthode de ratio_demande ne se chevauchent pas
select
    a.service,
    a.methode,
    a.age_min,
    b.age_min as age_min_chevauchant
from ratio_demande as a
inner join ratio_demande as b
    on a.service = b.service
    and a.methode = b.methode
    and a.age_min < b.age_min
    and b.age_min <= a.age_max
