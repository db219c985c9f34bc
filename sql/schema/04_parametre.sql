-- Table: ratio_demande
-- Published ratios that turn a population into a service demand (editable defaults).
-- A service may have several methods (EHPAD: one rate for all people aged 75+, or age-specific
-- rates for 75-84 and 85+); a method is one or more age ranges whose demands add up:
--   demand = sum over the method's rows of population(age_min..age_max) x ratio / par.
-- `defaut` marks the method used unless the user picks another one for a territory.
-- Grain: one row per service, method and age range.
create table ratio_demande (
    service        text not null,
    methode        text not null,     -- 'accueil_collectif', 'global', 'par_age'...
    indicateur     text not null,     -- 'Places en accueil collectif pour 100 enfants de moins de 3 ans'
    age_min        smallint not null,
    age_max        smallint not null,
    ratio          double not null,
    unite          text not null,     -- unit of the resulting demand: 'places', 'classes', 'lits', 'm³/an'
    par            double not null,   -- the ratio applies per `par` inhabitants of the age range (1, 100, 1000)
    source_texte   text not null,     -- publication the default comes from
    annee_source   smallint not null,
    defaut         boolean not null,  -- the method used by default for the service
    primary key (service, methode, age_min),
    check (age_min <= age_max),
    check (ratio >= 0 and par > 0)
);

-- Table: groupe_age
-- The named age groups every view and query joins (data/reference/groupes_age.csv, read by
-- Python through models.projection.groupes): the service groups projected with their bounds
-- (`projection`: 0-2, 3-5, 6-10, 11-14... years, 75+ and 85+ overlap on purpose, plus 'Ensemble')
-- a disjoint partition for the census detail (`recensement`), and the five-year groups the
-- backtest on INSEE's département estimates judges (`fiabilite`).
-- Grain: one row per group. Ages are completed years at 1 January, 100 = 100 and over.
create table groupe_age (
    groupe_age   text primary key,   -- 'Ensemble', '0-2 ans', ..., '85 ans et plus'
    age_min      smallint not null,
    age_max      smallint not null,
    rang         smallint not null unique,  -- display order (youngest first, 'Ensemble' first)
    projection   boolean not null,   -- a group of the projection and its simulated bounds
    recensement  boolean not null,   -- a group of the census partition (disjoint, covers 0..100)
    fiabilite    boolean not null,   -- a five-year group judged by the projection backtest
    check (0 <= age_min and age_min <= age_max and age_max <= 100)
);

-- Table: service
-- The service registry (data/reference/services.csv, checked by
-- vigie.analyses.catalogue_services): what Vigie follows, the ages it serves, the units of its
-- demand and of its capacity, the ratio method used by default, its rank in lists and maps.
-- Grain: one row per service.
create table service (
    service          text primary key,  -- 'petite_enfance', 'ecole_maternelle', ...
    libelle          text not null,     -- 'Petite enfance (crèches)'
    age_min          smallint not null, -- first age served (union of its age groups)
    age_max          smallint not null, -- last age served, 100 = 100 and over
    unite_demande    text,              -- unit of the demand ('places', 'lits'); null: no ratio
    unite_capacite   text,              -- unit of its facilities' capacity
    ratio_reference  text,              -- method of ratio_demande used by default; null: none
    ordre            smallint not null unique,
    source_texte     text not null,
    id_source        integer not null references source (id_source)
);
