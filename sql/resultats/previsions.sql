-- Tables of the forecasts file (data/previsions.duckdb), written by `python -m vigie forecast`.
-- Kept apart from the built database so that the batch can run while the app reads the data,
-- and rerun without a rebuild; the file is replaced atomically (temporary file, then rename).

-- Grain: one row per batch run.
create table prevision_calcul (
    id_calcul     integer primary key,
    debut         timestamp not null,
    fin           timestamp not null,
    horizon       smallint not null,   -- periods forecast (months for monthly series)
    parametres    text not null,       -- JSON: candidates, origins, processes
    base_sha256   text not null        -- checksum of the database the series were read from
);

-- Grain: one row per usage series: the model chosen by the backtest and what was found.
create table prevision_serie (
    id_serie        text primary key,
    statut          text not null,     -- 'ok', 'serie_interrompue', 'erreur'
    modele          text,              -- registry name of the chosen model
    libelle_modele  text,
    mase_retenu     double,            -- MASE at the selection horizon, chosen model
    mase_reference  double,            -- MASE of the seasonal-naive benchmark, same horizon
    horizon_backtest smallint,
    drapeaux        text,              -- comma-separated flags (repli_sur_reference, choc_2020...)
    pilote          text,              -- exogenous driver offered to SARIMAX, in words
    duree_s         double,
    empreinte       text not null,     -- hash of the series, its driver and the settings: an
                                       -- unchanged series reuses its stored results
    reprise         boolean not null   -- true: results reused from the previous run
);

-- Grain: one row per series and future period. Unit: the series' unit.
create table prevision_usage (
    id_serie   text not null,
    modele     text not null,
    periode    date not null,
    moyenne    double not null,
    bas_80     double not null,
    haut_80    double not null,
    bas_95     double not null,
    haut_95    double not null,
    primary key (id_serie, periode)
);

-- Grain: one row per series, candidate model and horizon of the rolling-origin backtest.
create table backtest_usage (
    id_serie      text not null,
    modele        text not null,
    horizon       smallint not null,
    mase          double,
    smape         double,
    couverture_80 double,
    couverture_95 double,
    retenu        boolean not null,
    primary key (id_serie, modele, horizon)
);

-- Grain: one row per finding (statsmodels warnings, gaps, shocks...), in French.
create table prevision_diagnostic (
    id_serie  text not null,
    niveau    text not null,           -- 'info', 'avertissement', 'erreur'
    code      text not null,
    message   text not null,
    modele    text
);

-- Descriptions shown by the Données page.
comment on table prevision_usage is 'Prévisions des séries d''usage : moyenne et fourchettes 80 % et 95 % par période.';
comment on table backtest_usage is 'Évaluation des modèles de prévision par origine glissante (MASE, sMAPE, couverture).';
comment on table prevision_serie is 'Modèle retenu par série d''usage, erreur au backtest et constats.';
comment on table prevision_diagnostic is 'Constats en français sur chaque série (trous, choc de 2020, avertissements des modèles).';
