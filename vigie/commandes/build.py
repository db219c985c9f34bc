"""`python -m vigie build`: (re)build the database from the shipped files, atomically."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from vigie.alimentation import construction
from vigie.format_fr import nombre

NOM = "build"
AIDE = "Construit (ou reconstruit) la base data/vigie.duckdb à partir des fichiers livrés."


def configurer(parseur: argparse.ArgumentParser) -> None:
    parseur.add_argument(
        "--base", type=Path, help="fichier de base à créer (défaut : data/vigie.duckdb)"
    )
    parseur.add_argument(
        "--demo", type=Path, help="dossier du territoire de démonstration (défaut : data/demo)"
    )
    parseur.add_argument(
        "--sans-imports",
        action="store_true",
        help="ne pas rejouer les fichiers importés ni les territoires de l'utilisateur",
    )


def executer(arguments: argparse.Namespace) -> int:
    def afficher(message: str, fraction: float) -> None:
        print(f"[{fraction:4.0%}] {message}", flush=True)

    try:
        rapport = construction.construire(
            chemin=arguments.base,
            dossier_demo=arguments.demo,
            progression=afficher,
            rejouer_imports=not arguments.sans_imports,
        )
    except construction.ErreurConstruction as erreur:
        print(f"Échec de la construction : {erreur}", file=sys.stderr)
        print("La base précédente est inchangée.", file=sys.stderr)
        return 1
    print(f"Base construite : {rapport.chemin} en {rapport.duree_s:.1f} s")
    for table, lignes in rapport.lignes.items():
        print(f"  {table:<22} {nombre(lignes):>12} lignes")
    print(f"  {len(rapport.vues)} vues SQL")
    return 0
