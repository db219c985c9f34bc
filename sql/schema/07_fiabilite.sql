-- Tables : fiabilite_projection, fiabilite_communes
-- Fiabilité mesurée de la projection, telle que la publie Vigie (issue 19) : résultats de
-- référence écrits par `python bench/backtest_projection.py --ecrire` dans data/reference/ et
-- chargés à chaque construction (ils ne dépendent pas du territoire). Chaque ligne renvoie au
-- fichier lu (id_source) ; la provenance détaillée est dans l'en-tête du fichier.

-- Rétro-projections départementales (INSEE, estimations 1975-2021).
-- Grain : une ligne par fenêtre, horizon, groupe d'âges et méthode. Unité : % de l'observé.
create table fiabilite_projection (
    fenetre             text not null,      -- « 2006, 2011 → 2021 » : années d'entrée → année jugée
    horizon             smallint not null,  -- années entre l'origine et l'année jugée
    groupe              text not null,      -- 'Ensemble', '0-4 ans', ..., '85 ans et plus'
    methode             text not null,      -- 'vigie', 'croissance_constante', 'constante'
    n                   integer not null,   -- départements comparés
    erreur_abs_moyenne  double not null,
    erreur_abs_mediane  double not null,
    biais_moyen         double not null,    -- positif = surestimation
    erreur_ponderee     double not null,    -- somme des écarts absolus / somme des observés
    couverture_80       double,             -- Vigie : part dans la fourchette calée hors échantillon
    couverture_95       double,
    id_source           integer not null references source (id_source),
    primary key (fenetre, groupe, methode),
    check (methode in ('vigie', 'croissance_constante', 'constante'))
);

-- Totaux communaux (populations légales 2019-2023), par classe de taille.
-- Grain : une ligne par fenêtre, classe de taille et méthode. Unité : % de l'observé.
create table fiabilite_communes (
    fenetre             text not null,
    horizon             smallint not null,
    classe_taille       text not null,      -- 'toutes', 'moins de 2 000', '2 000 à 10 000', 'plus de 10 000'
    methode             text not null,
    communes            integer not null,
    erreur_abs_moyenne  double not null,
    erreur_abs_mediane  double not null,
    biais_moyen         double not null,
    erreur_ponderee     double not null,
    id_source           integer not null references source (id_source),
    primary key (fenetre, classe_taille, methode),
    check (methode in ('vigie', 'croissance_constante', 'constante'))
);

comment on table fiabilite_projection is 'Fiabilité mesurée de la projection : rétro-projections des départements (1976-2021), Vigie contre croissance constante et population constante.';
comment on table fiabilite_communes is 'Fiabilité mesurée sur les totaux communaux (populations légales 2019-2023), par classe de taille.';
