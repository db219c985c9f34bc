-- controle: chaque service de ratio_demande a exactement une méthode par défaut, d'une seule unité
select
    service,
    count(distinct case when defaut then methode end) as methodes_par_defaut,
    count(distinct case when defaut then unite end) as unites_par_defaut
from ratio_demande
group by service
having count(distinct case when defaut then methode end) <> 1
    or count(distinct case when defaut then unite end) <> 1
