-- Tables : commune_mouvement, population_legale, etat_civil_commune, etat_civil_periode,
--   population_departement, parametre_national, serie_insee, departement_geo
-- Ce que les importeurs de fichiers officiels (vigie/importation) stockent en plus des tables
-- centrales.

-- COG de l'INSEE : chaque modification de commune depuis 1943 (v_mvt_commune_AAAA.csv), gardée
-- pour ramener les codes de tout fichier à la géographie en vigueur (communes fusionnées -> leur
-- code actuel).
-- Grain : une ligne par ligne d'événement du fichier publié.
create table commune_mouvement (
    mod          smallint not null,   -- 10 nom changé, 20 création, 21 rétablissement, 31 fusion,
                                      -- 32 commune nouvelle, 33/34 association, 41 code changé...
    date_eff     date not null,
    typecom_av   text not null,       -- COM, COMA, COMD, ARM
    com_av       text not null,
    libelle_av   text,
    typecom_ap   text not null,
    com_ap       text not null,
    libelle_ap   text,
    id_source    integer not null references source (id_source)
);

-- Populations légales de l'INSEE (et population municipale du recensement de
-- base-cc-serie-historique). `annee` = année de référence du recensement (population au
-- 1er janvier) ; codes dans la géographie en vigueur, communes fusionnées additionnées. Pas de
-- détail sexe x âge : voir pour cela la table population.
-- Grain : une ligne par commune et année de recensement. Unité : habitants.
create table population_legale (
    code_commune               text not null,
    annee                      smallint not null,
    population_municipale      double not null check (population_municipale >= 0),
    population_comptee_a_part  double check (population_comptee_a_part >= 0),
    population_totale          double check (population_totale >= 0),
    id_source                  integer not null references source (id_source),
    primary key (code_commune, annee)
);

-- État civil de l'INSEE : naissances vivantes et décès domiciliés dans la commune pendant
-- `annee`, tous sexes et âges confondus (les fichiers communaux publiés ne donnent pas de détail
-- sexe x âge).
-- Grain : une ligne par commune et année. Unité : événements.
create table etat_civil_commune (
    code_commune text not null,
    annee        smallint not null,
    naissances   double check (naissances >= 0),
    deces        double check (deces >= 0),
    id_source    integer not null references source (id_source),
    primary key (code_commune, annee)
);

-- base-cc-serie-historique de l'INSEE : naissances et décès entre deux recensements (NAIS1521,
-- DECE1521...).
-- Grain : une ligne par commune et période intercensitaire. Unité : événements sur toute la
-- période.
create table etat_civil_periode (
    code_commune text not null,
    annee_debut  smallint not null,
    annee_fin    smallint not null,
    naissances   double check (naissances >= 0),
    deces        double check (deces >= 0),
    id_source    integer not null references source (id_source),
    primary key (code_commune, annee_debut, annee_fin)
);

-- Estimations de population de l'INSEE par département, sexe et groupe d'âges quinquennal.
-- sexe 0 = ensemble ; age_max null = « 95 ans et plus ». Grain : une ligne par département, année,
-- sexe, groupe d'âges. Unité : habitants au 1er janvier.
create table population_departement (
    code_dep     text not null,
    annee        smallint not null,
    sexe         smallint not null check (sexe in (0, 1, 2)),
    age_min      smallint not null,
    age_max      smallint,
    population   double not null check (population >= 0),
    provisoire   boolean not null,    -- l'éditeur marque les dernières années comme provisoires
    id_source    integer not null references source (id_source),
    primary key (code_dep, annee, sexe, age_min)
);

-- Tables nationales de l'INSEE : quotients de mortalité, espérance de vie, survivants, taux de
-- fécondité, quotients et taux projetés, population nationale par âge détaillé.
-- Grain : une ligne par indicateur, champ, année, sexe et âge. sexe 0 = ensemble.
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

-- Séries de la BDM de l'INSEE (naissances mensuelles...), telles qu'exportées depuis insee.fr.
-- Grain : une ligne par série et mois. Unité : celle de la série.
create table serie_insee (
    idbank       text not null,
    libelle      text not null,
    periode      date not null,       -- premier jour du mois
    valeur       double not null,
    statut       text,                -- A définitive, P provisoire
    id_source    integer not null references source (id_source),
    primary key (idbank, periode)
);

-- Contours des départements (une Feature GeoJSON seule ou une collection), géométrie WGS84 en
-- texte.
create table departement_geo (
    code_dep     text primary key,
    geojson      text not null,
    id_source    integer not null references source (id_source)
);

-- COG de l'INSEE : arrondissements municipaux (ARM), communes déléguées (COMD) et associées
-- (COMA), avec la commune dont ils relèvent (colonne COMPARENT de v_commune_AAAA.csv) : un chiffre
-- publié pour Marseille 1er arrondissement (13201) est ajouté à Marseille (13055).
-- Grain : une ligne par code infracommunal.
create table commune_rattachement (
    code          text not null,
    typecom       text not null,      -- ARM, COMD, COMA
    code_parent   text not null,
    id_source     integer not null references source (id_source)
);
