"""`python -m vigie check` : vérifie la base et chaque vue SQL."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from vigie.stockage import base, verification

NOM = "check"
AIDE = "Vérifie la base (contrôles d'intégrité) et chaque vue de sql/views (forme, en-tête, compilation)."


def configurer(parseur: argparse.ArgumentParser) -> None:
    parseur.add_argument("--base", type=Path, help="base à vérifier (défaut : data/vigie.duckdb)")
    parseur.add_argument(
        "--vues",
        type=Path,
        help="dossier des vues à vérifier (défaut : sql/views)",
    )


def executer(arguments: argparse.Namespace) -> int:
    if arguments.vues is not None and not arguments.vues.is_dir():
        print(f"Le dossier de vues {arguments.vues} n'existe pas.", file=sys.stderr)
        return 2
    try:
        resultat = verification.verifier(arguments.base, arguments.vues)
    except base.BaseIntrouvable as erreur:
        print(erreur, file=sys.stderr)
        return 1
    for ligne in resultat.messages_ok:
        print(f"OK  {ligne}")
    for ligne in resultat.erreurs:
        print(f"ERREUR  {ligne}", file=sys.stderr)
    if resultat.erreurs:
        print(f"{len(resultat.erreurs)} erreur(s).", file=sys.stderr)
        return 1
    print("Tout est en ordre.")
    return 0
