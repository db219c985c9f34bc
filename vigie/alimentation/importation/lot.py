"""What reading one official file produces, before anything is written: a `Lot`.

A lot holds, per database table, the rows read from the file (a DataFrame with the table's column
names, plus `_ligne`, the line of the file each row comes from, so that a problem found when the
rows meet the database — an unknown commune code — still names its line), the description of the
source (publisher, title, vintage, licence, address) and the COG year of its commune codes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

LICENCE_OUVERTE = "Licence Ouverte / Etalab 2.0"

# Order in which lots are written: the geography first (events, communes, EPCIs), so that every
# other file's codes can be brought to the current geography.
PRIORITES = {
    "cog_mouvements": 0,
    "cog_communes": 1,
    "epci_composition": 2,
    "epci_dgcl": 2,
    "epci_liste": 3,
    "departements": 3,
}
PRIORITE_DONNEES = 10


@dataclass
class Lot:
    """The rows one file gives, per table, validated on their own (codes not yet harmonised)."""

    format: str  # key of the format (see vigie.alimentation.importation.formats.FORMATS)
    libelle: str  # French name of the kind of file, shown in the result table
    nom: str  # file name as the user gave it
    chemin: Path
    source: dict  # editeur, titre, millesime, licence, url
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    annee_cog: int | None = None
    colonne_commune: str | None = None  # column of the file holding the commune code
    feuille: str | None = None  # sheet the rows come from, for messages
    remarques: list[str] = field(default_factory=list)  # French notes shown after the import

    @property
    def priorite(self) -> int:
        return PRIORITES.get(self.format, PRIORITE_DONNEES)

    @property
    def lignes(self) -> int:
        return sum(len(df) for df in self.tables.values())
