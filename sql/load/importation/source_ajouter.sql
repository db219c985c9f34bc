-- Records one imported file (publisher, title, vintage, COG year, licence, address, SHA-256)
-- and returns its id. Grain: one row per imported file.
insert into source (
    id_source,
    fichier,
    editeur,
    titre,
    millesime,
    annee_cog,
    licence,
    url,
    sha256,
    origine
)
select
    coalesce(max(id_source), 0) + 1,
    $fichier,
    $editeur,
    $titre,
    $millesime,
    $annee_cog,
    $licence,
    $url,
    $sha256,
    'import'
from source
returning id_source
