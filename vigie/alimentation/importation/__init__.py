"""Import dans la base des fichiers officiels (INSEE, COG, DGCL, IGN) tels que publiés, et des
données d'usage de l'utilisateur : reconnus à leur contenu, vérifiés avant toute écriture, écrits
en une fois, gardés dans le dossier de l'utilisateur pour qu'une reconstruction les rejoue.

- `lecture` : des fichiers aux lignes (encodages, séparateurs, lignes `#`, classeurs y compris
  Strict Open XML, .xls)
- `formats` : quel fichier est lequel, et comment chacun se lit (un `Lot` par fichier)
- `geographie` : codes communes ramenés à la géographie actuelle grâce aux événements du COG
- `ecriture` : des lots aux tables (la couche importée, reconstruite en entier)
- `depot` : le dossier d'import de l'utilisateur, le manifeste, l'import atomique, le rejeu à la
  construction

Emploi : `importer([chemin, ...])` ou `python -m vigie import FICHIER...`.
"""

from vigie.alimentation.importation.depot import (
    ErreursImport,
    RapportImport,
    importer,
    rejouer,
    retirer,
)
from vigie.alimentation.importation.erreurs import ErreurImport

__all__ = ["ErreurImport", "ErreursImport", "RapportImport", "importer", "rejouer", "retirer"]
