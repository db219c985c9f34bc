-- Table: population_reference
-- Population of the reference levels the territory is compared with (département, région,
-- France) when it does not come from summing the communes of the base: INSEE's "Estimations de
-- population par département, sexe et âge quinquennal" (estim-pop-dep-sexe-aq-*.xlsx), or the
-- census totals of France. Empty in the demo territory (no France totals there).
-- Grain: one row per level, perimeter, year, sex and age band. Unit: inhabitants at 1 January.
create table population_reference (
    niveau          text not null,      -- 'departement', 'region', 'france'
    code_perimetre  text not null,      -- '29', '53', 'FR' (France), 'FM' (France métropolitaine)
    nom_perimetre   text not null,
    annee           smallint not null,
    sexe            smallint not null,  -- 1 = hommes, 2 = femmes
    age_min         smallint not null,  -- first age of the band (0, 5, 10 ... 95)
    age_max         smallint not null,  -- last age of the band, 100 = "and over"
    population      double not null,
    id_source       integer not null references source (id_source),
    primary key (niveau, code_perimetre, annee, sexe, age_min),
    check (niveau in ('departement', 'region', 'france')),
    check (age_min <= age_max)
);
