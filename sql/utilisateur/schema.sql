-- Tables de la base de l'utilisateur. Idempotent : appliqué à chaque ouverture en écriture.

-- Un ratio de demande modifié pour un périmètre (la valeur publiée par défaut reste dans
-- ratio_demande).
-- Grain : une ligne par périmètre, service, méthode et tranche d'âge.
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

-- La méthode de demande choisie pour un service dans un périmètre, quand ce n'est pas celle par
-- défaut.
-- Grain : une ligne par périmètre et service.
create table if not exists methode_choisie (
    niveau          text not null,
    code_perimetre  text not null,
    service         text not null,
    methode         text not null,
    modifie_le      timestamp not null default current_timestamp,
    primary key (niveau, code_perimetre, service)
);

-- Un scénario construit par l'utilisateur (issue 6) : son identité et son état. Les hypothèses
-- sont dans scenario_version ; `version_courante` est celle affichée. À la corbeille quand
-- `supprime_le` est renseigné (réversible : la restauration le vide).
-- Grain : une ligne par scénario.
create table if not exists scenario (
    id_scenario      integer not null primary key,
    nom              text not null,
    description      text not null default '',
    auteur           text not null default '',
    base             text not null default 'central',  -- ce à partir de quoi il a été créé
    cree_le          timestamp not null default current_timestamp,
    modifie_le       timestamp not null default current_timestamp,
    supprime_le      timestamp,                         -- null : pas à la corbeille
    version_courante integer not null
);

-- Chaque état enregistré d'un scénario : une modification ajoute une version, les précédentes
-- restent lisibles.
-- Grain : une ligne par scénario et version.
create table if not exists scenario_version (
    id_scenario  integer not null,
    version      integer not null,
    nom          text not null,
    description  text not null default '',
    auteur       text not null default '',
    parametres   text not null,                         -- JSON de HypothesesScenario
    cree_le      timestamp not null default current_timestamp,
    primary key (id_scenario, version)
);

-- Un territoire à soi (un Pays, un pôle, un bassin de vie), défini à partir d'EPCI et/ou de
-- communes ; écrit dans la base construite à chaque construction et à chaque import
-- (vigie.reglages.territoires).
-- Grain : une ligne par territoire.
create table if not exists territoire_utilisateur (
    code_territoire text primary key,
    nom_territoire  text not null,
    type_territoire text not null,
    epcis           text not null,    -- liste JSON des codes SIREN des EPCI
    communes        text not null,    -- liste JSON des codes INSEE des communes choisies une à une
    cree_le         timestamp not null default current_timestamp
);

-- La capacité d'un équipement corrigée par l'utilisateur, ou un équipement qu'il a ajouté
-- (issue 15) : les capacités importées (BPE, FINESS, Éducation nationale, modèle de capacités)
-- restent la base ; ces lignes les remplacent dans la base construite à chaque construction et à
-- chaque import, avec la source « saisie locale » et leur date
-- (vigie.alimentation.capacites_saisies). Pas par périmètre : la capacité d'un équipement est un
-- fait, le même d'où qu'on la regarde.
-- Grain : une ligne par équipement (identifiant importé, ou 'SAISIE-…' pour un équipement ajouté
-- dans Vigie).
create table if not exists capacite_saisie (
    id_equipement    text primary key,
    ajoute           boolean not null,  -- true : ajouté dans Vigie ; false : corrige un importé
    code_commune     text not null,
    service          text not null,
    type_equipement  text not null,
    nom              text not null,
    capacite         double,            -- en unite_capacite
    unite_capacite   text,
    annee_ouverture  smallint,
    annee_fermeture  smallint,          -- première année sans l'équipement ; null : encore ouvert
    saisi_le         timestamp not null default current_timestamp
);
