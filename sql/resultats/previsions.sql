-- Les tables du fichier des prévisions (data/previsions.duckdb), écrites par
-- `python -m vigie forecast`. Gardées à part de la base construite pour que le lot puisse tourner
-- pendant que l'application lit les données, et être relancé sans reconstruction ; le fichier est
-- remplacé de façon atomique (fichier temporaire, puis renommage).

-- Grain : une ligne par exécution du lot.
create table prevision_calcul (
    id_calcul     integer primary key,
    debut         timestamp not null,
    fin           timestamp not null,
    horizon       smallint not null,   -- périodes prévues (des mois pour les séries mensuelles)
    parametres    text not null,       -- JSON : candidats, origines, processus
    base_sha256   text not null        -- somme de contrôle de la base où les séries ont été lues
);

-- Grain : une ligne par série d'usage : le modèle retenu par le backtest et ce qui a été constaté.
create table prevision_serie (
    id_serie        text primary key,
    statut          text not null,     -- 'ok', 'serie_interrompue', 'erreur'
    modele          text,              -- nom du modèle retenu dans le registre
    libelle_modele  text,
    mase_retenu     double,            -- MASE à l'horizon de sélection, modèle retenu
    mase_reference  double,            -- MASE de la référence naïve saisonnière, même horizon
    horizon_backtest smallint,
    drapeaux        text,              -- séparés par virgules (repli_sur_reference, choc_2020...)
    pilote          text,              -- pilote exogène proposé à SARIMAX, en toutes lettres
    duree_s         double,
    empreinte       text not null,     -- empreinte de la série, de son pilote et des réglages :
                                       -- une série inchangée reprend ses résultats stockés
    reprise         boolean not null   -- vrai : résultats repris du calcul précédent
);

-- Grain : une ligne par série et période future. Unité : celle de la série.
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

-- Grain : une ligne par série, modèle candidat et horizon du backtest à origine glissante.
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

-- Grain : une ligne par constat (avertissements de statsmodels, trous, chocs...), en français.
create table prevision_diagnostic (
    id_serie  text not null,
    niveau    text not null,           -- 'info', 'avertissement', 'erreur'
    code      text not null,
    message   text not null,
    modele    text
);

-- Descriptions montrées par la page Données.
comment on table prevision_usage is 'Prévisions des séries d''usage : moyenne et fourchettes 80 % et 95 % par période.';
comment on table backtest_usage is 'Évaluation des modèles de prévision par origine glissante (MASE, sMAPE, couverture).';
comment on table prevision_serie is 'Modèle retenu par série d''usage, erreur au backtest et constats.';
comment on table prevision_diagnostic is 'Constats en français sur chaque série (trous, choc de 2020, avertissements des modèles).';
