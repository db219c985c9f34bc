"""The font of the documents: DejaVu Sans, shipped inside matplotlib (a dependency of the exports),
so that every machine has it without a system font or a download.

ReportLab's built-in Helvetica only covers Latin-1: the narrow no-break space of `12 345`
(U+202F), the minus sign (U+2212) or `œ` would print as black boxes. A TrueType font registered
with ReportLab is embedded (subset) in each PDF, which then reads the same everywhere.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import matplotlib

NORMALE = "VigieSans"
GRASSE = "VigieSans-Gras"
ITALIQUE = "VigieSans-Italique"


def dossier_polices() -> Path:
    """matplotlib's bundled TrueType fonts folder."""
    return Path(matplotlib.get_data_path()) / "fonts" / "ttf"


@cache
def enregistrer() -> None:
    """Register DejaVu Sans (regular, bold, oblique) with ReportLab, once per process."""
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    dossier = dossier_polices()
    fichiers = {
        NORMALE: "DejaVuSans.ttf",
        GRASSE: "DejaVuSans-Bold.ttf",
        ITALIQUE: "DejaVuSans-Oblique.ttf",
    }
    for nom, fichier in fichiers.items():
        chemin = dossier / fichier
        if not chemin.is_file():
            raise FileNotFoundError(
                f"Police introuvable : {chemin}. Réinstallez matplotlib "
                "(pip install -r requirements.txt), qui fournit la police DejaVu Sans."
            )
        pdfmetrics.registerFont(TTFont(nom, str(chemin)))
    addMapping(NORMALE, 0, 0, NORMALE)
    addMapping(NORMALE, 1, 0, GRASSE)
    addMapping(NORMALE, 0, 1, ITALIQUE)
    addMapping(NORMALE, 1, 1, GRASSE)
