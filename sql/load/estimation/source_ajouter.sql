-- La source des effectifs estimés (origine 'estimation' : ni livrée, ni importée ; recalculée
-- à chaque import et à chaque construction). Rend son identifiant.
insert into source (
    id_source,
    fichier,
    editeur,
    titre,
    millesime,
    licence,
    url,
    sha256,
    origine
)
select
    coalesce(max(id_source), 0) + 1,
    'estimation Vigie',
    'Vigie, d''après INSEE',
    $titre,
    $millesime,
    'Licence Ouverte / Etalab 2.0',
    null,
    $empreinte,
    'estimation'
from source
returning id_source
