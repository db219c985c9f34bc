-- Enregistre un fichier lu (éditeur, millésime, licence, empreinte SHA-256) dans `source`.
insert into source (
    id_source,
    fichier,
    editeur,
    titre,
    millesime,
    annee_cog,
    licence,
    url,
    sha256
)
values ($id_source, $fichier, $editeur, $titre, $millesime, $annee_cog, $licence, $url, $sha256)
