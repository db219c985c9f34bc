-- Communes with their EPCI and territory, the levels the model pools rates over
-- (a commune in several territories is pooled with the first one by code).
select
    commune.code_commune,
    commune.code_epci,
    min(territoire_commune.code_territoire) as code_territoire
from commune
left join territoire_commune on territoire_commune.code_commune = commune.code_commune
where commune.code_commune in (select code_commune from population)
group by commune.code_commune, commune.code_epci
order by commune.code_commune
