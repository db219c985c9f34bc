-- Les communes avec leur EPCI et leur territoire, les niveaux sur lesquels le modèle mutualise les
-- taux (une commune de plusieurs territoires est rattachée au premier par ordre de code).
select
    commune.code_commune,
    commune.code_epci,
    min(territoire_commune.code_territoire) as code_territoire
from commune
left join territoire_commune on territoire_commune.code_commune = commune.code_commune
where commune.code_commune in (select code_commune from population)
group by commune.code_commune, commune.code_epci
order by commune.code_commune
