"""`python -m vigie forecast`: forecast every usage series (models chosen by backtest)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from vigie import base, previsions

NOM = "forecast"
AIDE = (
    "Prévoit chaque série d'usage (fréquentation, prêts, m³, tonnes) avec le modèle choisi par "
    "backtest, et écrit data/previsions.duckdb."
)


def configurer(parseur: argparse.ArgumentParser) -> None:
    parseur.add_argument("--base", type=Path, help="base à lire (défaut : data/vigie.duckdb)")
    parseur.add_argument("--sortie", type=Path, help="fichier des prévisions à écrire")
    parseur.add_argument(
        "--processus", type=int, default=None, help="processus parallèles (défaut : tous les cœurs)"
    )


def executer(arguments: argparse.Namespace) -> int:
    def afficher(id_serie: str, faites: int, total: int) -> None:
        print(f"[{faites}/{total}] {id_serie}", flush=True)

    try:
        rapport = previsions.calculer_previsions(
            arguments.base, arguments.sortie, arguments.processus, afficher
        )
    except base.BaseIntrouvable as erreur:
        print(erreur, file=sys.stderr)
        return 1
    print(
        f"Prévisions écrites dans {rapport.chemin} en {rapport.duree_s:.0f} s : "
        f"{rapport.prevues} séries prévues, {rapport.interrompues} interrompues (équipement fermé), "
        f"{rapport.erreurs} en erreur, sur {rapport.series} "
        f"({rapport.reprises} inchangées depuis le calcul précédent, résultats repris)."
    )
    return 0 if rapport.erreurs == 0 else 1
