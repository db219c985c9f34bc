-- Table: source
-- Every imported row points to one source: the file it came from, its publisher, vintage and licence.
-- Grain: one row per imported file.
create table source (
    id_source    integer primary key,
    fichier      text not null,       -- file name as given by the publisher
    editeur      text not null,       -- publisher (INSEE, DGCL, IGN, DREES, Vigie démo...)
    titre        text not null,
    millesime    text not null,       -- vintage as the publisher names it ("RP 2021", "COG 2024")
    annee_cog    smallint,            -- geography year of the codes in the file, when known
    licence      text not null,
    url          text,
    sha256       text not null,       -- checksum of the file as read
    importe_le   timestamp not null default current_timestamp,
    origine      text not null default 'livraison'  -- 'livraison': shipped with Vigie (demo,
                                                     -- reference); 'import': a file the user imported
);
