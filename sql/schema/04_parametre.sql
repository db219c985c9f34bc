-- Table: ratio_demande
-- Published ratios that turn a population into a service demand (editable defaults).
-- Grain: one row per service and indicator.
create table ratio_demande (
    service        text not null,
    indicateur     text not null,     -- 'places pour 100 enfants de 0-2 ans', 'élèves par classe'
    age_min        smallint not null,
    age_max        smallint not null,
    ratio          double not null,
    unite          text not null,     -- unit of the resulting demand: 'places', 'classes', 'lits', 'm³/an'
    par            double not null,   -- the ratio applies per `par` inhabitants of the age range (1, 100, 1000)
    source_texte   text not null,     -- publication the default comes from
    annee_source   smallint not null,
    primary key (service, indicateur)
);
