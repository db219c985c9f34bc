-- Tables : equipement, usage_serie, usage_observation
-- Les équipements et leurs capacités, et la fréquentation mensuelle ou annuelle que relève chaque
-- territoire.

-- Grain : une ligne par équipement. `service` est un code du registre des services (table
-- `service`, data/reference/services.csv : petite_enfance, ecole_maternelle, college, ehpad...) ;
-- un code propre à l'analyste, hors registre, est gardé et affiché sous ce code.
create table equipement (
    id_equipement    text primary key,
    code_commune     text not null,
    service          text not null,
    type_equipement  text not null,   -- libellé : 'Crèche collective', 'EHPAD', 'Ligne de bus'
    nom              text not null,
    capacite         double,          -- en unite_capacite
    unite_capacite   text,            -- 'places', 'lits', 'classes', 'élèves', 'm³/an'
    effectif         double,          -- effectif actuel ou occupation, si connu (élèves, résidents)
    annee_ouverture  smallint,
    annee_fermeture  smallint,        -- null : toujours ouvert
    id_source        integer not null references source (id_source)
);

-- Grain : une ligne par série de fréquentation (un indicateur de service d'un équipement ou
-- d'une commune).
create table usage_serie (
    id_serie       text primary key,
    service        text not null,
    indicateur     text not null,     -- 'prêts', 'entrées', 'repas servis', 'montées', 'volume distribué'
    unite          text not null,     -- 'prêts', 'entrées', 'repas', 'voyages', 'm³', 't'
    frequence      text not null check (frequence in ('mensuelle', 'annuelle')),
    code_commune   text,              -- la commune que décrit la série (ou celle de l'équipement)
    id_equipement  text,              -- null pour une série au niveau de la commune
    id_source      integer not null references source (id_source)
);

-- Grain : une ligne par série et période. Un mois manquant n'a pas de ligne.
create table usage_observation (
    id_serie   text not null references usage_serie (id_serie),
    periode    date not null,         -- premier jour du mois (ou de l'année)
    valeur     double not null,
    id_source  integer not null references source (id_source),
    primary key (id_serie, periode)
);
