-- Communes of one département (or all when $dep is empty), to add communes one by one.
select
    code_commune,
    nom_commune,
    code_dep
from commune
where $dep = '' or code_dep = $dep
order by nom_commune
