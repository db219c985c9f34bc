-- Tables: calcul, projection_population, prevision_usage, backtest_usage
-- Results of the heavy computations (run by `python -m vigie` commands, not on page view).

-- Grain: one row per computation run.
create table calcul (
    id_calcul     integer primary key,
    type_calcul   text not null,      -- 'projection', 'prevision'
    parametres    text not null,      -- JSON of the scenario or settings
    debut         timestamp not null,
    fin           timestamp,
    statut        text not null       -- 'ok', 'erreur'
);

-- Grain: one row per run, scenario, commune, year, sex, age. Unit: inhabitants at 1 January.
create table projection_population (
    id_calcul     integer not null,
    scenario      text not null,
    code_commune  text not null,
    annee         smallint not null,
    sexe          smallint not null,
    age           smallint not null,
    population    double not null,    -- central value
    bas_80        double,
    haut_80       double,
    bas_95        double,
    haut_95       double,
    primary key (id_calcul, scenario, code_commune, annee, sexe, age)
);

-- Grain: one row per series, model run and future period.
create table prevision_usage (
    id_calcul   integer not null,
    id_serie    text not null,
    modele      text not null,
    periode     date not null,
    moyenne     double not null,
    bas_80      double not null,
    haut_80     double not null,
    bas_95      double not null,
    haut_95     double not null,
    primary key (id_calcul, id_serie, periode)
);

-- Grain: one row per series, candidate model and horizon in the rolling-origin backtest.
create table backtest_usage (
    id_calcul     integer not null,
    id_serie      text not null,
    modele        text not null,
    horizon       smallint not null,  -- months (or years) ahead
    mase          double,
    smape         double,
    couverture_80 double,             -- share of actuals inside the 80 % interval
    couverture_95 double,
    retenu        boolean not null,   -- the model chosen for this series
    primary key (id_calcul, id_serie, modele, horizon)
);
