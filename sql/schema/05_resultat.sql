-- Tables : calcul, projection_scenario, projection_population, projection_intervalle,
--   projection_composante, projection_backtest
-- Résultats des calculs lourds (lancés par les commandes `python -m vigie`, pas à l'affichage
-- d'une page).

-- Grain : une ligne par exécution de calcul.
create table calcul (
    id_calcul     integer primary key,
    type_calcul   text not null,      -- 'projection', 'prevision'
    parametres    text not null,      -- JSON du scénario ou des réglages
    debut         timestamp not null,
    fin           timestamp,
    statut        text not null       -- 'ok', 'erreur'
);

-- Définitions des scénarios tels que calculés (les standards à la construction ; JSON de
-- models.projection.Scenario).
-- Grain : une ligne par scénario.
create table projection_scenario (
    id_calcul     integer not null,
    scenario      text primary key,
    libelle       text not null,
    parametres    text not null,      -- JSON, relisible avec Scenario.from_json
    methode_intervalles text          -- mode d'obtention des intervalles 80 % / 95 % (central seul)
);

-- Population projetée au 1er janvier, trajectoire centrale de chaque scénario.
-- Grain : une ligne par scénario, commune, année, sexe, âge. Unité : habitants.
-- Les bornes sont par cellule (scénario central seulement) ; elles ne s'additionnent pas : voir
-- projection_intervalle.
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

-- Intervalles des populations agrégées (totaux de la commune, de l'EPCI, du territoire par groupe
-- d'âges des services), tirés de la simulation des composantes : les bornes des sommes sont
-- simulées, jamais additionnées.
-- Grain : une ligne par scénario, niveau, périmètre, année, groupe d'âges. Unité : habitants.
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

-- Composantes de l'évolution dans la projection, par commune et année (événements pendant
-- `annee`).
-- Grain : une ligne par scénario, commune, année. Unité : personnes.
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

-- Rétro-projection depuis un recensement antérieur, confrontée aux recensements observés : erreur
-- et couverture des intervalles (jusqu'où se fier à la projection, par niveau, horizon, groupe
-- d'âges et taille de commune).
-- Grain : une ligne par origine, horizon, niveau, groupe d'âges et classe de taille ('toutes' =
-- toutes les tailles).
create table projection_backtest (
    id_calcul        integer not null,
    annee_origine    smallint not null,
    horizon          smallint not null,   -- années
    niveau           text not null,
    groupe_age       text not null,       -- 'toutes' = tous les groupes d'âges ensemble
    classe_taille    text not null,       -- classe de taille de commune, 'toutes' = toutes
    effectif         integer not null,    -- couples périmètre × groupe d'âges comparés
    erreur_abs_pct   double,              -- erreur absolue moyenne en pourcentage
    biais_median_pct double,
    couverture_80    double,              -- part des valeurs observées dans l'intervalle à 80 %
    couverture_95    double
);

-- Les prévisions de fréquentation ont leur propre fichier : voir sql/resultats/previsions.sql.
