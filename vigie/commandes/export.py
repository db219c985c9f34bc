"""`python -m vigie export` : écrit les documents de conseil d'un territoire dans un dossier, sans
réseau.

    python -m vigie export --niveau territoire --code PAYSDEMO --scenario central \
        --horizon 2050 --documents dossier diaporama classeur fiches --sortie exports/
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from vigie import chemins, textes
from vigie.exports import contenu, lot
from vigie.stockage import base, lecture, vues

NOM = "export"
AIDE = (
    "Produit les documents d'un territoire (dossier PDF, diaporama PowerPoint, classeur Excel, "
    "fiches communes) dans un dossier, sans réseau."
)


def configurer(parseur: argparse.ArgumentParser) -> None:
    parseur.add_argument(
        "--niveau", choices=textes.NIVEAUX_CHOIX, default="territoire", help="niveau du territoire"
    )
    parseur.add_argument(
        "--code", default="PAYSDEMO", help="code du territoire (défaut : PAYSDEMO)"
    )
    parseur.add_argument("--scenario", default="central", help="scénario stocké (défaut : central)")
    parseur.add_argument("--horizon", type=int, default=2050, help="dernière année (défaut : 2050)")
    parseur.add_argument(
        "--documents",
        nargs="+",
        choices=lot.DOCUMENTS,
        default=list(lot.DOCUMENTS),
        help="documents à produire (défaut : tous)",
    )
    parseur.add_argument(
        "--sortie", type=Path, default=Path("exports"), help="dossier de sortie (défaut : exports/)"
    )
    parseur.add_argument("--base", type=Path, help="base à lire (défaut : data/vigie.duckdb)")


def executer(arguments: argparse.Namespace) -> int:
    try:
        con = lecture.ouvrir_catalogue(arguments.base or chemins.chemin_base())
    except base.BaseIntrouvable as erreur:
        print(erreur, file=sys.stderr)
        return 1
    vues.appliquer_vues(con)

    def avancer(message: str, fraction: float) -> None:
        print(f"[{fraction:4.0%}] {message}", flush=True)

    try:
        produits = lot.ecrire(
            con,
            arguments.niveau,
            arguments.code,
            arguments.sortie,
            tuple(arguments.documents),
            arguments.horizon,
            arguments.scenario,
            avancer,
        )
    except contenu.ErreurExport as erreur:
        print(f"Export impossible : {erreur}", file=sys.stderr)
        return 2
    for chemin in produits:
        print(f"Écrit : {chemin} ({chemin.stat().st_size / 1024:,.0f} Ko)".replace(",", " "))
    return 0
