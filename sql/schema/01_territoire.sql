-- Tables: region, departement, epci, commune, territoire, territoire_commune, commune_geo
-- The geography every other table joins to (INSEE keys, current COG).

create table departement (
    code_dep     text primary key,    -- '29', '2A', '971'
    nom_dep      text not null,
    code_reg     text not null,
    id_source    integer not null references source (id_source)
);

create table epci (
    code_epci    text primary key,    -- 9-digit SIREN
    nom_epci     text not null,
    nature_epci  text,                -- CC, CA, CU, ME
    id_source    integer not null references source (id_source),
    check (length(code_epci) = 9)
);

create table commune (
    code_commune text primary key,    -- 5-character INSEE code ('29151', '2A004')
    nom_commune  text not null,
    code_epci    text,                -- null: commune outside any EPCI
    code_dep     text not null,
    code_reg     text not null,
    littoral     boolean,             -- coastal commune (loi Littoral), when known
    superficie_km2 double,
    id_source    integer not null references source (id_source),
    check (length(code_commune) = 5)
);

-- A user-defined or official group of communes: a Pays, a pôle territorial, a bassin de vie.
create table territoire (
    code_territoire text primary key,
    nom_territoire  text not null,
    type_territoire text not null,    -- 'pays', 'pole', 'bassin', 'autre'
    id_source       integer references source (id_source)
);

create table territoire_commune (
    code_territoire text not null references territoire (code_territoire),
    code_commune    text not null references commune (code_commune),
    primary key (code_territoire, code_commune)
);

-- Commune outlines, WGS84, as GeoJSON geometry text (no tile server needed).
create table commune_geo (
    code_commune text primary key references commune (code_commune),
    geojson      text not null,
    id_source    integer not null references source (id_source)
);
