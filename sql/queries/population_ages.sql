-- Population observée par âge détaillé (deux sexes réunis) une année de recensement (pour les
-- ménages de l'année de base).
select annee, age, sum(population) as population
from mart_population_perimetre
where niveau = $niveau and code_perimetre = $code and annee = $annee
group by all
order by age
