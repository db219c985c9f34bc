-- Tables: calcul, projection_scenario, projection_population, projection_intervalle,
--   projection_composante, projection_backtest
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

-- Scenario definitions as computed (the standard ones at build; JSON of models.projection.Scenario).
-- Grain: one row per scenario.
create table projection_scenario (
    id_calcul     integer not null,
    scenario      text primary key,
    libelle       text not null,
    parametres    text not null,      -- JSON, readable back with Scenario.from_json
    methode_intervalles text          -- how the 80 % / 95 % intervals were obtained (central only)
);

-- Projected population at 1 January, central path of each scenario.
-- Grain: one row per scenario, commune, year, sex, age. Unit: inhabitants.
-- Bounds are per cell (central scenario only); they do not add up: see projection_intervalle.
create table projection_population (
    id_calcul     integer not null,
    scenario      text not null,
    code_commune  text not null,
    annee         smallint not null,
    sexe          smallint not null,
    age           smallint not null,
    population    double not null,
    bas_80        double,
    haut_80       double,
    bas_95        double,
    haut_95       double,
    primary key (scenario, code_commune, annee, sexe, age)
);

-- Intervals of aggregated populations (commune, EPCI, territory totals by service age group),
-- from the simulation of the components: bounds of sums are simulated, never added.
-- Grain: one row per scenario, level, perimeter, year, age group. Unit: inhabitants.
create table projection_intervalle (
    id_calcul       integer not null,
    scenario        text not null,
    niveau          text not null,    -- 'commune', 'epci', 'territoire'
    code_perimetre  text not null,
    annee           smallint not null,
    groupe_age      text not null,    -- 'Ensemble', '0-2 ans', ..., '75 ans et plus', '85 ans et plus'
    population      double not null,
    bas_80          double not null,
    haut_80         double not null,
    bas_95          double not null,
    haut_95         double not null,
    primary key (scenario, niveau, code_perimetre, annee, groupe_age)
);

-- Components of change in the projection, per commune and year (events during `annee`).
-- Grain: one row per scenario, commune, year. Unit: persons.
create table projection_composante (
    id_calcul         integer not null,
    scenario          text not null,
    code_commune      text not null,
    annee             smallint not null,
    naissances        double not null,
    deces             double not null,
    solde_migratoire  double not null,
    arrivees_logement double not null,
    primary key (scenario, code_commune, annee)
);

-- Back-projection from an earlier census against the observed ones: error and interval coverage
-- (how far to trust the projection, by level, horizon, age group and commune size).
-- Grain: one row per origin, horizon, level, age group and size class ('toutes' = all sizes).
create table projection_backtest (
    id_calcul        integer not null,
    annee_origine    smallint not null,
    horizon          smallint not null,   -- years
    niveau           text not null,
    groupe_age       text not null,       -- 'toutes' = all age groups together
    classe_taille    text not null,       -- commune size class, 'toutes' = all
    effectif         integer not null,    -- perimeter × age group pairs compared
    erreur_abs_pct   double,              -- mean absolute percentage error
    biais_median_pct double,
    couverture_80    double,              -- share of observed values inside the 80 % interval
    couverture_95    double
);

-- The usage forecasts live in their own file: see sql/resultats/previsions.sql.
