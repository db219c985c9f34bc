-- Tables: commune_mouvement, population_legale, etat_civil_commune, etat_civil_periode,
--   population_departement, parametre_national, serie_insee, departement_geo
-- What the importers of official files (vigie/importation) store besides the core tables.

-- INSEE COG: every change of commune since 1943 (v_mvt_commune_AAAA.csv), kept to bring the codes
-- of any file to the current geography (merged communes -> their current code).
-- Grain: one row per event line of the published file.
create table commune_mouvement (
    mod          smallint not null,   -- 10 name change, 20 creation, 21 restoration, 31 merger,
                                      -- 32 commune nouvelle, 33/34 association, 41 code change...
    date_eff     date not null,
    typecom_av   text not null,       -- COM, COMA, COMD, ARM
    com_av       text not null,
    libelle_av   text,
    typecom_ap   text not null,
    com_ap       text not null,
    libelle_ap   text,
    id_source    integer not null references source (id_source)
);

-- INSEE populations légales (and the census population municipale of base-cc-serie-historique).
-- `annee` = census reference year (population at 1 January); codes in the current geography,
-- merged communes summed. No sex x age detail: see table population for that.
-- Grain: one row per commune and census year. Unit: inhabitants.
create table population_legale (
    code_commune               text not null,
    annee                      smallint not null,
    population_municipale      double not null check (population_municipale >= 0),
    population_comptee_a_part  double check (population_comptee_a_part >= 0),
    population_totale          double check (population_totale >= 0),
    id_source                  integer not null references source (id_source),
    primary key (code_commune, annee)
);

-- INSEE état civil: live births and deaths domiciled in the commune during `annee`, all sexes
-- and ages together (the published commune files give no sex x age detail).
-- Grain: one row per commune and year. Unit: events.
create table etat_civil_commune (
    code_commune text not null,
    annee        smallint not null,
    naissances   double check (naissances >= 0),
    deces        double check (deces >= 0),
    id_source    integer not null references source (id_source),
    primary key (code_commune, annee)
);

-- INSEE base-cc-serie-historique: births and deaths between two censuses (NAIS1521, DECE1521...).
-- Grain: one row per commune and intercensal period. Unit: events over the whole period.
create table etat_civil_periode (
    code_commune text not null,
    annee_debut  smallint not null,
    annee_fin    smallint not null,
    naissances   double check (naissances >= 0),
    deces        double check (deces >= 0),
    id_source    integer not null references source (id_source),
    primary key (code_commune, annee_debut, annee_fin)
);

-- INSEE estimations de population by département, sex and five-year age group.
-- sexe 0 = ensemble; age_max null = "95 ans et plus". Grain: one row per département, year, sex,
-- age group. Unit: inhabitants at 1 January.
create table population_departement (
    code_dep     text not null,
    annee        smallint not null,
    sexe         smallint not null check (sexe in (0, 1, 2)),
    age_min      smallint not null,
    age_max      smallint,
    population   double not null check (population >= 0),
    provisoire   boolean not null,    -- the publisher marks the latest years as provisional
    id_source    integer not null references source (id_source),
    primary key (code_dep, annee, sexe, age_min)
);

-- INSEE national tables: mortality quotients, life expectancy, survivors, fertility rates,
-- projected quotients and rates, national population by single age.
-- Grain: one row per indicator, field, year, sex and age. sexe 0 = ensemble.
create table parametre_national (
    indicateur   text not null,       -- 'quotient_mortalite', 'esperance_vie', 'survivants',
                                      -- 'taux_fecondite', 'quotient_mortalite_projete', 'population'
    champ        text not null,       -- 'France', 'France métropolitaine'
    annee        smallint not null,
    sexe         smallint not null check (sexe in (0, 1, 2)),
    age          smallint not null,
    valeur       double not null,
    unite        text not null,       -- 'pour 100 000', 'années', 'pour 10 000 femmes', 'habitants'
    id_source    integer not null references source (id_source),
    primary key (indicateur, champ, annee, sexe, age)
);

-- INSEE BDM series (monthly births...), as exported from insee.fr.
-- Grain: one row per series and month. Unit: that of the series.
create table serie_insee (
    idbank       text not null,
    libelle      text not null,
    periode      date not null,       -- first day of the month
    valeur       double not null,
    statut       text,                -- A definitive, P provisional
    id_source    integer not null references source (id_source),
    primary key (idbank, periode)
);

-- Département outlines (a bare GeoJSON Feature or a collection), WGS84 geometry text.
create table departement_geo (
    code_dep     text primary key,
    geojson      text not null,
    id_source    integer not null references source (id_source)
);

-- INSEE COG: municipal districts (ARM), delegated (COMD) and associated (COMA) communes with
-- the commune they belong to (column COMPARENT of v_commune_AAAA.csv): a figure published for
-- Marseille 1er arrondissement (13201) is added to Marseille (13055).
-- Grain: one row per infra-communal code.
create table commune_rattachement (
    code          text not null,
    typecom       text not null,      -- ARM, COMD, COMA
    code_parent   text not null,
    id_source     integer not null references source (id_source)
);
