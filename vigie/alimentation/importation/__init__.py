"""Importing the official files (INSEE, COG, DGCL, IGN) as published, and the user's own usage
data, into the database: recognised by content, checked before anything is written, written in
one step, kept in the user's folder so that a rebuild replays them.

- `lecture`: files to rows (encodings, separators, `#` lines, workbooks incl. Strict Open XML, .xls)
- `formats`: which file is which, and how each is read (one `Lot` per file)
- `geographie`: commune codes brought to the current geography with the COG events
- `ecriture`: lots into tables (the imported layer, rebuilt whole)
- `depot`: the user's import folder, manifest, atomic import, build replay

Usage: `importer([chemin, ...])` or `python -m vigie import FICHIER...`.
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
