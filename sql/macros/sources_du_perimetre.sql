-- Sources d'un périmètre : pour chaque table de données, les fichiers source (id_source) dont
-- les lignes décrivent les communes du périmètre (`niveau_choisi`, `code_choisi`) ; un
-- département, un EPCI ou un territoire compte s'il contient une de ces communes. Une table sans
-- code commune (ratios, paramètres nationaux...) donne toutes ses sources. Ainsi un territoire
-- réel ne cite jamais les fichiers de la démonstration chargés dans les mêmes tables (issue 14).
-- Une ligne par table et fichier source.
-- Exemple : select * from sources_du_perimetre('territoire', 'PAYS-DE-MORLAIX')
create or replace macro sources_du_perimetre(niveau_choisi, code_choisi) as table
with

communes as (
    select code_commune
    from int_commune__perimetres
    where niveau = niveau_choisi and code_perimetre = code_choisi
),

par_commune as (
    select 'population' as nom_table, id_source from population
    where code_commune in (select code_commune from communes)
    union
    select 'naissance', id_source from naissance
    where code_commune in (select code_commune from communes)
    union
    select 'deces', id_source from deces
    where code_commune in (select code_commune from communes)
    union
    select 'commune', id_source from commune
    where code_commune in (select code_commune from communes)
    union
    select 'commune_geo', id_source from commune_geo
    where code_commune in (select code_commune from communes)
    union
    select 'equipement', id_source from equipement
    where code_commune in (select code_commune from communes)
    union
    select 'population_legale', id_source from population_legale
    where code_commune in (select code_commune from communes)
    union
    select 'etat_civil_commune', id_source from etat_civil_commune
    where code_commune in (select code_commune from communes)
    union
    select 'etat_civil_periode', id_source from etat_civil_periode
    where code_commune in (select code_commune from communes)
    union
    -- The perimeter's départements, EPCI and territories (not the demo's).
    select 'departement', id_source from departement
    where code_dep in (select code_dep from commune where code_commune in (select code_commune from communes))
    union
    select 'departement_geo', id_source from departement_geo
    where code_dep in (select code_dep from commune where code_commune in (select code_commune from communes))
    union
    select 'epci', id_source from epci
    where code_epci in (select code_epci from commune where code_commune in (select code_commune from communes))
    union
    select 'territoire', id_source from territoire
    where code_territoire in (
        select code_territoire from territoire_commune
        where code_commune in (select code_commune from communes)
    )
    union
    select 'usage_serie', id_source from usage_serie
    where code_commune in (select code_commune from communes)
    union
    select 'usage_observation', usage_observation.id_source
    from usage_observation
    inner join usage_serie on usage_serie.id_serie = usage_observation.id_serie
    where usage_serie.code_commune in (select code_commune from communes)
),

tables_par_commune as (
    select *
    from (
        values
            ('population'), ('naissance'), ('deces'), ('commune'), ('commune_geo'),
            ('equipement'), ('population_legale'), ('etat_civil_commune'),
            ('etat_civil_periode'), ('usage_serie'), ('usage_observation'),
            ('departement'), ('departement_geo'), ('epci'), ('territoire')
    ) as noms (nom_table)
)

select distinct nom_table, id_source from par_commune
union
-- Une table sans code commune : toutes ses sources.
select nom_table, id_source from mart_sources_tables
where nom_table not in (select nom_table from tables_par_commune)
