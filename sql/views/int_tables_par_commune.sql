-- titre: Tables décrites par commune
-- description: Les tables dont chaque ligne décrit une commune (ou son département, son EPCI, son
--   territoire) : leurs sources se citent commune par commune (vue int_sources__communes) ; les
--   autres tables (ratios, paramètres nationaux) citent toutes leurs sources.
-- grain: une ligne par table
-- unite: sans objet
-- source: schéma de la base (sql/schema)
create or replace view int_tables_par_commune as
select *
from (
    values
        ('population'), ('naissance'), ('deces'), ('commune'), ('commune_geo'),
        ('equipement'), ('population_legale'), ('etat_civil_commune'),
        ('etat_civil_periode'), ('usage_serie'), ('usage_observation'),
        ('departement'), ('departement_geo'), ('epci'), ('territoire')
) as noms (nom_table)
