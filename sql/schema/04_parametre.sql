-- Table : ratio_demande
-- Ratios publiés qui convertissent une population en demande de service (valeurs par défaut
-- modifiables). Un service peut avoir plusieurs méthodes (EHPAD : un taux unique pour toutes les
-- personnes de 75 ans et plus, ou des taux par âge pour les 75-84 ans et les 85 ans et plus) ; une
-- méthode est une ou plusieurs tranches d'âge dont les demandes s'additionnent :
--   demande = somme sur les lignes de la méthode de population(age_min..age_max) x ratio / par.
-- `defaut` marque la méthode utilisée sauf si l'utilisateur en choisit une autre pour un
-- territoire.
-- Grain : une ligne par service, méthode et tranche d'âge.
create table ratio_demande (
    service        text not null,
    methode        text not null,     -- 'accueil_collectif', 'global', 'par_age'...
    indicateur     text not null,     -- 'Places en accueil collectif pour 100 enfants de moins de 3 ans'
    age_min        smallint not null,
    age_max        smallint not null,
    ratio          double not null,
    unite          text not null,     -- unité de la demande : 'places', 'classes', 'lits', 'm³/an'
    par            double not null,   -- le ratio vaut pour `par` habitants de la tranche (1, 100, 1000)
    source_texte   text not null,     -- publication dont vient la valeur par défaut
    annee_source   smallint not null,
    defaut         boolean not null,  -- la méthode utilisée par défaut pour le service
    primary key (service, methode, age_min),
    check (age_min <= age_max),
    check (ratio >= 0 and par > 0)
);

-- Table : groupe_age
-- Les groupes d'âges nommés que joignent toutes les vues et requêtes
-- (data/reference/groupes_age.csv, lu par Python via models.projection.groupes) : les groupes des
-- services, projetés avec leurs bornes (`projection` : 0-2, 3-5, 6-10, 11-14... ans ; 75 ans et
-- plus et 85 ans et plus se chevauchent exprès ; plus 'Ensemble'), une partition disjointe pour le
-- détail du recensement (`recensement`), et les groupes quinquennaux que juge le backtest sur les
-- estimations départementales de l'INSEE (`fiabilite`).
-- Grain : une ligne par groupe. Les âges sont des âges révolus au 1er janvier, 100 = 100 ans et
-- plus.
create table groupe_age (
    groupe_age   text primary key,   -- 'Ensemble', '0-2 ans', ..., '85 ans et plus'
    age_min      smallint not null,
    age_max      smallint not null,
    rang         smallint not null unique,  -- ordre d'affichage ('Ensemble', puis du plus jeune)
    projection   boolean not null,   -- un groupe de la projection et de ses bornes simulées
    recensement  boolean not null,   -- groupe du recensement (partition disjointe couvrant 0..100)
    fiabilite    boolean not null,   -- un groupe quinquennal jugé par le backtest de la projection
    check (0 <= age_min and age_min <= age_max and age_max <= 100)
);

-- Table : service
-- Le registre des services (data/reference/services.csv, vérifié par
-- vigie.analyses.catalogue_services) : ce que Vigie suit, les âges servis, les unités de la
-- demande et de la capacité, la méthode de ratio utilisée par défaut, le rang dans les listes et
-- les cartes.
-- Grain : une ligne par service.
create table service (
    service          text primary key,  -- 'petite_enfance', 'ecole_maternelle', ...
    libelle          text not null,     -- 'Petite enfance (crèches)'
    age_min          smallint not null, -- premier âge servi (union de ses groupes d'âges)
    age_max          smallint not null, -- dernier âge servi, 100 = 100 ans et plus
    unite_demande    text,              -- unité de demande ('places', 'lits') ; null : sans ratio
    unite_capacite   text,              -- unité de la capacité de ses équipements
    ratio_reference  text,              -- méthode de ratio_demande par défaut ; null : aucune
    ordre            smallint not null unique,
    source_texte     text not null,
    id_source        integer not null references source (id_source)
);
