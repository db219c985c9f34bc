-- Table : equipement_importe
-- Ce que les saisies locales de l'utilisateur ont remplacé : la ligne importée (BPE, FINESS,
-- Éducation nationale, modèle de capacités, démonstration) d'un équipement dont il a corrigé la
-- capacité, l'unité, les années ou le nom dans Vigie. La ligne saisie est dans `equipement` (source
-- d'origine 'saisie') ; celle-ci la remet en place quand la saisie est annulée ou réappliquée
-- (vigie/alimentation/capacites_saisies.py). Idempotent : appliqué avant chaque application.
-- Grain : une ligne par équipement corrigé.
create table if not exists equipement_importe (
    id_equipement    text primary key,
    code_commune     text not null,
    service          text not null,
    type_equipement  text not null,
    nom              text not null,
    capacite         double,
    unite_capacite   text,
    annee_ouverture  smallint,
    annee_fermeture  smallint,
    id_source        integer not null references source (id_source)
);

comment on table equipement_importe is 'Valeurs importées des équipements dont l''utilisateur a corrigé la capacité, l''unité, les années ou le nom dans Vigie (saisie locale) : la valeur de base, gardée à côté de la saisie.';
comment on column equipement_importe.id_source is 'Le fichier importé ou livré d''où vient la valeur de base.';
