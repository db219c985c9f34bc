-- Table: ratio_demande
-- Published ratios that turn a population into a service demand (editable defaults).
-- A service may have several methods (EHPAD: one rate for all people aged 75+, or age-specific
-- rates for 75-84 and 85+); a method is one or more age ranges whose demands add up:
--   demand = sum over the method's rows of population(age_min..age_max) x ratio / par.
-- `defaut` marks the method used unless the user picks another one for a territory.
-- Grain: one row per service, method and age range.
create table ratio_demande (
    service        text not null,
    methode        text not null,     -- 'accueil_collectif', 'global', 'par_age'...
    indicateur     text not null,     -- 'Places en accueil collectif pour 100 enfants de moins de 3 ans'
    age_min        smallint not null,
    age_max        smallint not null,
    ratio          double not null,
    unite          text not null,     -- unit of the resulting demand: 'places', 'classes', 'lits', 'm³/an'
    par            double not null,   -- the ratio applies per `par` inhabitants of the age range (1, 100, 1000)
    source_texte   text not null,     -- publication the default comes from
    annee_source   smallint not null,
    defaut         boolean not null,  -- the method used by default for the service
    primary key (service, methode, age_min),
    check (age_min <= age_max),
    check (ratio >= 0 and par > 0)
);
