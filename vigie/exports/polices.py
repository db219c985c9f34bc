"""La police des documents : DejaVu Sans, livrée dans matplotlib (une dépendance des exports), pour
que toute machine l'ait sans police du système ni téléchargement.

La Helvetica intégrée à ReportLab ne couvre que le Latin-1 : l'espace fine insécable de `12 345`
(U+202F), le signe moins (U+2212) ou `œ` s'imprimeraient en carrés noirs. Une police TrueType
enregistrée auprès de ReportLab est incorporée (en sous-ensemble) dans chaque PDF, qui se lit alors
de la même façon partout.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import matplotlib

NORMALE = "VigieSans"
GRASSE = "VigieSans-Gras"
ITALIQUE = "VigieSans-Italique"


def dossier_polices() -> Path:
    """Le dossier des polices TrueType livrées avec matplotlib."""
    return Path(matplotlib.get_data_path()) / "fonts" / "ttf"


@cache
def enregistrer() -> None:
    """Enregistre DejaVu Sans (normale, grasse, oblique) auprès de ReportLab, une fois par processus."""
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
