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

-- Chaque table qui porte un code commune, avec ses lignes réduites à (table, source, commune) ;
-- le périmètre filtre une seule fois, plus bas.
lignes_par_commune as (
    select 'population' as nom_table, id_source, code_commune from population
    union all select 'naissance', id_source, code_commune from naissance
    union all select 'deces', id_source, code_commune from deces
    union all select 'commune', id_source, code_commune from commune
    union all select 'commune_geo', id_source, code_commune from commune_geo
    union all select 'equipement', id_source, code_commune from equipement
    union all select 'population_legale', id_source, code_commune from population_legale
    union all select 'etat_civil_commune', id_source, code_commune from etat_civil_commune
    union all select 'etat_civil_periode', id_source, code_commune from etat_civil_periode
    union all select 'usage_serie', id_source, code_commune from usage_serie
    union all
    select 'usage_observation', usage_observation.id_source, usage_serie.code_commune
    from usage_observation
    inner join usage_serie on usage_serie.id_serie = usage_observation.id_serie
    -- Les départements, EPCI et territoires d'une commune (ceux du périmètre, pas de la démo).
    union all
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
),

par_commune as (
    select nom_table, id_source
    from lignes_par_commune
    where code_commune in (select code_commune from communes)
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
