-- Tables of the user's database. Idempotent: applied at every opening for writing.

-- A demand ratio changed for one perimeter (the published default stays in ratio_demande).
-- Grain: one row per perimeter, service, method and age range.
create table if not exists ratio_modifie (
    niveau          text not null,    -- 'commune', 'epci', 'territoire'
    code_perimetre  text not null,
    service         text not null,
    methode         text not null,
    age_min         smallint not null,
    ratio           double not null,
    par             double not null,
    modifie_le      timestamp not null default current_timestamp,
    primary key (niveau, code_perimetre, service, methode, age_min)
);

-- The demand method chosen for a service in one perimeter, when not the default one.
-- Grain: one row per perimeter and service.
create table if not exists methode_choisie (
    niveau          text not null,
    code_perimetre  text not null,
    service         text not null,
    methode         text not null,
    modifie_le      timestamp not null default current_timestamp,
    primary key (niveau, code_perimetre, service)
);

-- A scenario built by the user (issue 6): its identity and where it stands. The hypotheses are in
-- scenario_version; `version_courante` is the one shown. In the bin when `supprime_le` is set
-- (reversible: restoring clears it). Grain: one row per scenario.
create table if not exists scenario (
    id_scenario      integer not null primary key,
    nom              text not null,
    description      text not null default '',
    auteur           text not null default '',
    base             text not null default 'central',  -- what it was created from
    cree_le          timestamp not null default current_timestamp,
    modifie_le       timestamp not null default current_timestamp,
    supprime_le      timestamp,                         -- null: not in the bin
    version_courante integer not null
);

-- Every saved state of a scenario: an edit adds a version, earlier ones stay readable.
-- Grain: one row per scenario and version.
create table if not exists scenario_version (
    id_scenario  integer not null,
    version      integer not null,
    nom          text not null,
    description  text not null default '',
    auteur       text not null default '',
    parametres   text not null,                         -- JSON of HypothesesScenario
    cree_le      timestamp not null default current_timestamp,
    primary key (id_scenario, version)
);

-- A territory of one's own (a Pays, a pôle, a bassin de vie), defined from EPCIs and/or communes;
-- written into the built database at every build and import (vigie.reglages.territoires).
-- Grain: one row per territory.
create table if not exists territoire_utilisateur (
    code_territoire text primary key,
    nom_territoire  text not null,
    type_territoire text not null,
    epcis           text not null,    -- JSON list of EPCI SIREN codes
    communes        text not null,    -- JSON list of INSEE commune codes chosen one by one
    cree_le         timestamp not null default current_timestamp
);

-- A facility's capacity corrected by the user, or a facility the user added (issue 15): the
-- imported capacities (BPE, FINESS, Éducation nationale, the capacities template) stay the base;
-- these rows override them in the built database at every build and import, with the source
-- « saisie locale » and their date (vigie.alimentation.capacites_saisies). Not per perimeter: a
-- facility's capacity is a fact, the same wherever it is looked at from.
-- Grain: one row per facility (imported id, or 'SAISIE-…' for one added in Vigie).
create table if not exists capacite_saisie (
    id_equipement    text primary key,
    ajoute           boolean not null,  -- true: added in Vigie; false: corrects an imported one
    code_commune     text not null,
    service          text not null,
    type_equipement  text not null,
    nom              text not null,
    capacite         double,            -- in unite_capacite
    unite_capacite   text,
    annee_ouverture  smallint,
    annee_fermeture  smallint,          -- first year without the facility; null: still open
    saisi_le         timestamp not null default current_timestamp
);
