-- Table : source
-- Chaque ligne importée renvoie à une source : le fichier dont elle vient, son éditeur, son
-- millésime et sa licence.
-- Grain : une ligne par fichier importé.
create table source (
    id_source    integer primary key,
    fichier      text not null,       -- nom du fichier tel que donné par l'éditeur
    editeur      text not null,       -- éditeur (INSEE, DGCL, IGN, DREES, Vigie démo...)
    titre        text not null,
    millesime    text not null,       -- millésime nommé par l'éditeur (« RP 2021 », « COG 2024 »)
    annee_cog    smallint,            -- année de géographie des codes du fichier, si connue
    licence      text not null,
    url          text,
    sha256       text not null,       -- empreinte du fichier tel que lu
    importe_le   timestamp not null default current_timestamp,
    origine      text not null default 'livraison'  -- 'livraison' : livré avec Vigie (démo,
                                                     -- référence) ; 'import' : fichier importé
);
