-- Descriptions des tables et de leurs colonnes les moins évidentes, en français, affichées par la
-- page Données (et par tout client DuckDB : `select comment from duckdb_tables()`). S'exécute
-- après la création de toutes les tables. Une table ajoutée plus tard sans commentaire est tout de
-- même listée, avec « pas de description ».

comment on table source is 'Fichiers importés : éditeur, titre, millésime, licence, empreinte SHA-256 ; chaque ligne de données renvoie à l''un d''eux (id_source).';
comment on column source.millesime is 'Millésime tel que l''éditeur le nomme (« RP 2021 », « COG 2024 »).';
comment on column source.sha256 is 'Empreinte SHA-256 du fichier lu : permet de vérifier qu''il n''a pas changé.';

comment on table departement is 'Départements (code INSEE, nom, région).';
comment on table epci is 'Intercommunalités (EPCI à fiscalité propre), identifiées par leur SIREN à 9 chiffres.';
comment on column epci.nature_epci is 'CC communauté de communes, CA d''agglomération, CU urbaine, ME métropole.';
comment on table commune is 'Communes de la géographie en vigueur (COG), avec leur EPCI et leur département.';
comment on column commune.code_commune is 'Code INSEE à 5 caractères (29151, 2A004).';
comment on column commune.littoral is 'Commune littorale au sens de la loi Littoral, quand c''est connu.';
comment on column commune.superficie_km2 is 'Superficie en km².';
comment on table territoire is 'Regroupements de communes : Pays, pôles territoriaux, bassins de vie.';
comment on table territoire_commune is 'Communes de chaque territoire.';
comment on table commune_geo is 'Contours des communes (géométrie GeoJSON en WGS84), pour les cartes.';

comment on table population is 'Population au 1er janvier de l''année de recensement, par commune, sexe et âge détaillé (INSEE).';
comment on column population.sexe is '1 hommes, 2 femmes (convention INSEE).';
comment on column population.age is 'Âge révolu de 0 à 100 ; 100 = 100 ans ou plus.';
comment on column population.population is 'Habitants (les chiffres du recensement peuvent être fractionnaires).';
comment on table naissance is 'Naissances vivantes de l''année, par commune de domicile de la mère et sexe de l''enfant (état civil).';
comment on table deces is 'Décès de l''année par commune de domicile, sexe et âge au 1er janvier (convention des cohortes).';

comment on table equipement is 'Équipements et services (crèches, écoles, EHPAD, médiathèques...) avec leur capacité.';
comment on column equipement.capacite is 'Capacité dans l''unité de unite_capacite (places, lits, classes...).';
comment on column equipement.effectif is 'Effectif actuel (élèves, résidents) quand il est connu.';
comment on column equipement.annee_fermeture is 'Vide : équipement toujours ouvert.';
comment on table usage_serie is 'Séries de fréquentation ou de consommation d''un service (prêts, entrées, repas, voyages, m³).';
comment on table usage_observation is 'Valeurs observées de chaque série, par mois (premier jour du mois) ou par année.';

comment on table ratio_demande is 'Ratios publiés qui convertissent une population en demande de service (modifiables).';
comment on column ratio_demande.par is 'Le ratio s''applique pour « par » habitants de la tranche d''âge (1, 100, 1 000).';
comment on table service is 'Registre des services suivis (data/reference/services.csv) : libellé, âges servis, unités, méthode de ratio par défaut, ordre.';
comment on table groupe_age is 'Groupes d''âges nommés (data/reference/groupes_age.csv), joints par toutes les vues et requêtes par groupe d''âge.';

comment on table calcul is 'Historique des calculs (projections, prévisions) : paramètres, début, fin, statut.';
comment on table projection_scenario is 'Scénarios de projection calculés, avec leurs paramètres (JSON).';
comment on table projection_population is 'Population projetée au 1er janvier par scénario, commune, année, sexe et âge, avec fourchettes 80 % et 95 % (scénario central).';
comment on table projection_intervalle is 'Fourchettes des populations projetées agrégées (périmètres, groupes d''âge), simulées et non additionnées.';
comment on table projection_composante is 'Composantes de l''évolution projetée : naissances, décès, solde migratoire, arrivées liées aux logements.';
comment on table projection_backtest is 'Rétro-projection : erreur et couverture des fourchettes de la projection face aux recensements observés.';
