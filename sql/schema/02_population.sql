-- Tables: population, naissance, deces
-- Census population and civil registration events, by commune (current geography).

-- Population at 1 January of `annee` (INSEE census reference year), by sex and single age.
-- Grain: one row per commune, year, sex, age. Unit: inhabitants (census figures may be fractional).
create table population (
    code_commune text not null,
    annee        smallint not null,
    sexe         smallint not null check (sexe in (1, 2)),   -- 1 hommes, 2 femmes
    age          smallint not null check (age between 0 and 100),  -- 100 = 100 ans et plus
    population   double not null check (population >= 0),
    id_source    integer not null references source (id_source),
    primary key (code_commune, annee, sexe, age)
);

-- Live births during `annee`, by sex of the child.
-- Grain: one row per commune, year, sex. Unit: births.
create table naissance (
    code_commune text not null,
    annee        smallint not null,
    sexe         smallint not null check (sexe in (1, 2)),
    naissances   double not null check (naissances >= 0),
    id_source    integer not null references source (id_source),
    primary key (code_commune, annee, sexe)
);

-- Deaths during `annee`, by sex and age at 1 January of that year (the cohort convention:
-- population(annee + 1, age + 1) = population(annee, age) - deces(annee, age) + net migration).
-- Grain: one row per commune, year, sex, age. Unit: deaths.
create table deces (
    code_commune text not null,
    annee        smallint not null,
    sexe         smallint not null check (sexe in (1, 2)),
    age          smallint not null check (age between 0 and 100),
    deces        double not null check (deces >= 0),
    id_source    integer not null references source (id_source),
    primary key (code_commune, annee, sexe, age)
);
