-- Tables : effectif_scolaire, recours_prestation, capacite_finess
-- Ce que les fichiers officiels des services publient en plus des équipements (table equipement) :
-- les effectifs d'élèves par établissement et niveau (Éducation nationale), les taux de recours à
-- une prestation par sexe et âge (DREES, APA), les capacités installées des établissements et
-- services médico-sociaux (FINESS). Chaque ligne renvoie au fichier lu (id_source).

-- Éducation nationale (DEPP) : fr-en-ecoles-effectifs-nb_classes, fr-en-college-effectifs-niveau-sexe-lv.
-- La commune est donnée par son nom dans le fichier : code_commune est celui du COG auquel le nom
-- a été rattaché à l'import (les lignes non rattachées sont listées à l'import, pas gardées).
-- Grain : une ligne par établissement (UAI), rentrée et niveau. Unité : élèves.
create table if not exists effectif_scolaire (
    uai                 text not null,      -- numéro UAI de l'établissement (0350103X)
    annee               smallint not null,  -- année de la rentrée scolaire (2022 = 2022-2023)
    code_commune        text not null,
    type_etablissement  text not null check (type_etablissement in ('ecole', 'college')),
    secteur             text,               -- 'public', 'prive'
    niveau              text not null,      -- 'ensemble', 'pre_elementaire', 'elementaire',
                                            -- 'ulis', 'cp' ... 'cm2', '6e' ... '3e', 'segpa'
    eleves              double not null check (eleves >= 0),
    classes             double check (classes >= 0),  -- écoles, niveau 'ensemble' seulement
    id_source           integer not null references source (id_source),
    primary key (uai, annee, niveau)
);

-- DREES : part des bénéficiaires d'une prestation (APA) dans la population, par sexe et tranche
-- d'âge, à domicile, en établissement ou au total ; et part des bénéficiaires vivant en
-- établissement par département. sexe 0 = ensemble ; age_max 100 = « et plus ».
-- Grain : une ligne par prestation, indicateur, lieu, périmètre, année, sexe et tranche d'âge.
create table if not exists recours_prestation (
    prestation       text not null,      -- 'apa'
    indicateur       text not null check (indicateur in ('part_population', 'part_etablissement')),
    lieu             text not null check (lieu in ('domicile', 'etablissement', 'ensemble')),
    code_perimetre   text not null,      -- 'FRDROM' (France hors Mayotte) ou code département
    annee            smallint not null,  -- fin décembre de l'année
    sexe             smallint not null check (sexe in (0, 1, 2)),
    age_min          smallint not null,
    age_max          smallint not null,
    valeur           double not null check (valeur >= 0 and valeur <= 1),  -- proportion (0 à 1)
    id_source        integer not null references source (id_source),
    primary key (prestation, indicateur, lieu, code_perimetre, annee, sexe, age_min),
    check (age_min <= age_max)
);

-- FINESS, extraction des équipements sociaux et médico-sociaux (etalab-cs1100505) : capacité
-- installée de chaque établissement (numéro FINESS ET) par discipline, mode d'accueil et clientèle.
-- Grain : une ligne par établissement, discipline (de), mode (ta) et clientèle. Unité : places.
create table if not exists capacite_finess (
    nofinesset           text not null,
    discipline           text not null,   -- code « de » (924 accueil pour personnes âgées...)
    libelle_discipline   text,
    mode_accueil         text not null,   -- code « ta » (11 hébergement complet, 21 accueil de jour...)
    libelle_mode         text,
    clientele            text not null,   -- code « client »
    libelle_clientele    text,
    capacite_installee   double check (capacite_installee >= 0),
    id_source            integer not null references source (id_source),
    primary key (nofinesset, discipline, mode_accueil, clientele)
);

comment on table effectif_scolaire is 'Élèves par école ou collège (UAI), rentrée et niveau, et classes des écoles (Éducation nationale, DEPP) ; commune rattachée par son nom au COG à l''import.';
comment on column effectif_scolaire.annee is 'Année de la rentrée (2022 = année scolaire 2022-2023).';
comment on column effectif_scolaire.classes is 'Nombre total de classes de l''école (niveau ensemble seulement).';
comment on table recours_prestation is 'Taux de recours à l''APA par sexe et tranche d''âge (part de la population bénéficiaire) et part des bénéficiaires en établissement par département (DREES, enquête Aide sociale).';
comment on column recours_prestation.valeur is 'Proportion entre 0 et 1 (0,29 : 29 % des personnes de la tranche).';
comment on table capacite_finess is 'Capacités installées des établissements et services médico-sociaux (FINESS, équipements sociaux), par discipline, mode d''accueil et clientèle.';
