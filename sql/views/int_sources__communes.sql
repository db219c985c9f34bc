-- titre: Sources des lignes de chaque commune
-- description: Pour chaque table décrite par commune, quelle commune chaque fichier source décrit ;
--   un département, un EPCI ou un territoire compte pour chacune de ses communes. Sert à citer les
--   seules sources d'un périmètre (un territoire réel ne cite jamais les fichiers de la démonstration).
-- grain: une ligne par table, fichier source et commune
-- unite: sans objet
-- source: table source, renseignée à chaque import ; la liste des tables est dans int_tables_par_commune
create or replace view int_sources__communes as
select 'population' as nom_table, id_source, code_commune from population
union all
select 'naissance', id_source, code_commune from naissance
union all
select 'deces', id_source, code_commune from deces
union all
select 'commune', id_source, code_commune from commune
union all
select 'commune_geo', id_source, code_commune from commune_geo
union all
select 'equipement', id_source, code_commune from equipement
union all
select 'population_legale', id_source, code_commune from population_legale
union all
select 'etat_civil_commune', id_source, code_commune from etat_civil_commune
union all
select 'etat_civil_periode', id_source, code_commune from etat_civil_periode
union all
select 'usage_serie', id_source, code_commune from usage_serie
union all
select 'usage_observation', usage_observation.id_source, usage_serie.code_commune
from usage_observation
inner join usage_serie on usage_serie.id_serie = usage_observation.id_serie
union all
-- The communes' départements, EPCI and territories.
select 'departement', departement.id_source, commune.code_commune
from departement inner join commune on commune.code_dep = departement.code_dep
union all
select 'departement_geo', departement_geo.id_source, commune.code_commune
from departement_geo inner join commune on commune.code_dep = departement_geo.code_dep
union all
select 'epci', epci.id_source, commune.code_commune
from epci inner join commune on commune.code_epci = epci.code_epci
union all
select 'territoire', territoire.id_source, territoire_commune.code_commune
from territoire
inner join territoire_commune on territoire_commune.code_territoire = territoire.code_territoire
