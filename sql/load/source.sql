-- source : enregistre un fichier lu (livré, importé, ou les territoires de l'utilisateur) et rend
-- son identifiant, que chaque ligne chargée ensuite porte dans `id_source`.
-- Le seul texte qui écrit dans `source` : construction, importation et territoires l'appellent
-- par `vigie.stockage.sources.enregistrer`.
-- Grain : une ligne par fichier lu. Paramètres liés : $fichier (nom du fichier tel que l'éditeur le
-- donne), $editeur, $titre, $millesime, $annee_cog (année de géographie des codes, ou null),
-- $licence, $url (ou null), $sha256 (empreinte du fichier lu), $origine ('livraison', 'import',
-- 'estimation' ou 'saisie' : voir vigie/stockage/sources.py).
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
    $origine
from source
returning id_source
