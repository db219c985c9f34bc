-- Tables: equipement, usage_serie, usage_observation
-- Facilities with their capacities, and the monthly or yearly usage each territory records.

-- Grain: one row per facility. `service` is a code of the service registry (table `service`,
-- data/reference/services.csv: petite_enfance, ecole_maternelle, college, ehpad...); an
-- analyst's own code outside it is kept and shown under its code.
create table equipement (
    id_equipement    text primary key,
    code_commune     text not null,
    service          text not null,
    type_equipement  text not null,   -- human label: 'Crèche collective', 'EHPAD', 'Ligne de bus'
    nom              text not null,
    capacite         double,          -- in unite_capacite
    unite_capacite   text,            -- 'places', 'lits', 'classes', 'élèves', 'm³/an'
    effectif         double,          -- current enrolment or occupancy when known (pupils, residents)
    annee_ouverture  smallint,
    annee_fermeture  smallint,        -- null: still open
    id_source        integer not null references source (id_source)
);

-- Grain: one row per usage series (a service indicator at a facility or a commune).
create table usage_serie (
    id_serie       text primary key,
    service        text not null,
    indicateur     text not null,     -- 'prêts', 'entrées', 'repas servis', 'montées', 'volume distribué'
    unite          text not null,     -- 'prêts', 'entrées', 'repas', 'voyages', 'm³', 't'
    frequence      text not null check (frequence in ('mensuelle', 'annuelle')),
    code_commune   text,              -- the commune the series describes (or the facility's commune)
    id_equipement  text,              -- null for a commune-level series
    id_source      integer not null references source (id_source)
);

-- Grain: one row per series and period. A missing month has no row.
create table usage_observation (
    id_serie   text not null references usage_serie (id_serie),
    periode    date not null,         -- first day of the month (or of the year)
    valeur     double not null,
    id_source  integer not null references source (id_source),
    primary key (id_serie, periode)
);
