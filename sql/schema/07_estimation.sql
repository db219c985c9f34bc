-- Table : population_estimee
-- Les structures par sexe et âge que Vigie estime quand le recensement détaillé d'une commune
-- manque (vigie/alimentation/estimation.py). Les effectifs estimés sont écrits dans `population`
-- (source d'origine 'estimation') ; cette table dit, pour chaque commune et année, qu'il s'agit
-- d'une estimation et comment elle est faite. Importer le recensement par âge la remplace.
-- Grain : une ligne par commune et année estimées.
create table if not exists population_estimee (
    code_commune          text not null,
    annee                 smallint not null,
    methode               text not null,      -- 'structure_departement'
    code_dep              text not null,      -- département dont la structure est reprise
    annee_structure       smallint not null,  -- année des estimations départementales reprises
    population_municipale double not null,    -- total de la commune (population légale)
    erreur_relative       double not null,    -- écart relatif type des parts par âge (voir le module)
    id_source             integer not null references source (id_source),
    primary key (code_commune, annee)
);

comment on table population_estimee is 'Communes dont la structure par sexe et âge est estimée par Vigie (recensement détaillé absent) : méthode, département et année de la structure reprise.';
comment on column population_estimee.methode is 'structure_departement : population légale de la commune × structure par sexe et âge de son département (estimations INSEE), éclatée en âges détaillés.';
