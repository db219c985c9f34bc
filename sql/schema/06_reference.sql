-- Table : population_reference
-- Population des niveaux de référence auxquels le territoire est comparé (département, région,
-- France) quand elle ne vient pas de la somme des communes de la base : « Estimations de
-- population par département, sexe et âge quinquennal » de l'INSEE (estim-pop-dep-sexe-aq-*.xlsx),
-- ou totaux France du recensement. Vide dans le territoire de démonstration (pas de totaux France).
-- Grain : une ligne par niveau, périmètre, année, sexe et tranche d'âge. Unité : habitants au
-- 1er janvier.
create table population_reference (
    niveau          text not null,      -- 'departement', 'region', 'france'
    code_perimetre  text not null,      -- '29', '53', 'FR' (France), 'FM' (France métropolitaine)
    nom_perimetre   text not null,
    annee           smallint not null,
    sexe            smallint not null,  -- 1 = hommes, 2 = femmes
    age_min         smallint not null,  -- premier âge de la tranche (0, 5, 10 ... 95)
    age_max         smallint not null,  -- dernier âge de la tranche, 100 = « et plus »
    population      double not null,
    id_source       integer not null references source (id_source),
    primary key (niveau, code_perimetre, annee, sexe, age_min),
    check (niveau in ('departement', 'region', 'france')),
    check (age_min <= age_max)
);
