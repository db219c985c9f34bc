-- Tables : population, naissance, deces
-- Population recensée et événements d'état civil, par commune (géographie en vigueur).

-- Population au 1er janvier de `annee` (année de référence du recensement INSEE), par sexe et âge
-- détaillé.
-- Grain : une ligne par commune, année, sexe, âge. Unité : habitants (les chiffres du recensement
-- peuvent être fractionnaires).
create table population (
    code_commune text not null,
    annee        smallint not null,
    sexe         smallint not null check (sexe in (1, 2)),   -- 1 hommes, 2 femmes
    age          smallint not null check (age between 0 and 100),  -- 100 = 100 ans et plus
    population   double not null check (population >= 0),
    id_source    integer not null references source (id_source),
    primary key (code_commune, annee, sexe, age)
);

-- Naissances vivantes survenues pendant `annee`, par sexe de l'enfant.
-- Grain : une ligne par commune, année, sexe. Unité : naissances.
create table naissance (
    code_commune text not null,
    annee        smallint not null,
    sexe         smallint not null check (sexe in (1, 2)),
    naissances   double not null check (naissances >= 0),
    id_source    integer not null references source (id_source),
    primary key (code_commune, annee, sexe)
);

-- Décès survenus pendant `annee`, par sexe et âge au 1er janvier de cette année (convention des
-- cohortes : population(annee + 1, age + 1) = population(annee, age) - deces(annee, age) + solde
-- migratoire).
-- Grain : une ligne par commune, année, sexe, âge. Unité : décès.
create table deces (
    code_commune text not null,
    annee        smallint not null,
    sexe         smallint not null check (sexe in (1, 2)),
    age          smallint not null check (age between 0 and 100),
    deces        double not null check (deces >= 0),
    id_source    integer not null references source (id_source),
    primary key (code_commune, annee, sexe, age)
);
