"""`python -m vigie forecast` : prévoit chaque série d'usage (modèle choisi par backtest)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from models import execution
from vigie.alimentation import previsions
from vigie.stockage import base

NOM = "forecast"
AIDE = (
    "Prévoit chaque série d'usage (fréquentation, prêts, m³, tonnes) avec le modèle choisi par "
    "backtest, et écrit data/previsions.duckdb."
)


def configurer(parseur: argparse.ArgumentParser) -> None:
    """Les options de la commande."""
    parseur.add_argument("--base", type=Path, help="base à lire (défaut : data/vigie.duckdb)")
    parseur.add_argument("--sortie", type=Path, help="fichier des prévisions à écrire")
    parseur.add_argument(
        "--processus", type=int, default=None, help="processus parallèles (défaut : tous les cœurs)"
    )
    parseur.add_argument(
        "--executeur",
        choices=execution.MODES,
        default="processus",
        help="où calculer : processus locaux (défaut), dask (LocalCluster ou --adresse), local",
    )
    parseur.add_argument(
        "--adresse",
        help="adresse d'un planificateur Dask (tcp://hote:8786) : calcul sur le cluster",
    )
    parseur.add_argument(
        "--candidats",
        help="modèles candidats séparés par des virgules (défaut : tous ceux du registre)",
    )


def executer(arguments: argparse.Namespace) -> int:
    """Lance le lot ; 0 si toutes les séries sont prévues ou interrompues, 1 sinon."""

    def afficher(id_serie: str, faites: int, total: int) -> None:
        print(f"[{faites}/{total}] {id_serie}", flush=True)

    candidats = [c.strip() for c in arguments.candidats.split(",")] if arguments.candidats else None
    try:
        with execution.executeur(
            arguments.executeur, arguments.processus, arguments.adresse
        ) as executeur:
            rapport = previsions.calculer_previsions(
                arguments.base,
                arguments.sortie,
                arguments.processus,
                afficher,
                candidats=candidats,
                executeur=executeur,
            )
    except (base.BaseIntrouvable, execution.ErreurExecution, ValueError) as erreur:
        print(erreur, file=sys.stderr)
        return 1
    print(
        f"Prévisions écrites dans {rapport.chemin} en {rapport.duree_s:.0f} s : "
        f"{rapport.prevues} séries prévues, {rapport.interrompues} interrompues (équipement fermé "
        "ou série arrêtée alors que celles du même service continuent), "
        f"{rapport.erreurs} en erreur, sur {rapport.series} "
        f"({rapport.reprises} inchangées depuis le calcul précédent, résultats repris)."
    )
    return 0 if rapport.erreurs == 0 else 1
