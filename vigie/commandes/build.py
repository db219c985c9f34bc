"""`python -m vigie build` : (re)construit la base à partir des fichiers livrés, d'un seul coup.

Si une autre écriture du même dossier est en cours (un import, l'application qui construit), la
commande attend son tour en le disant, puis construit."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from vigie.alimentation import construction
from vigie.format_fr import nombre
from vigie.stockage import verrou

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
            attente=afficheur_d_attente(),
        )
    except (construction.ErreurConstruction, verrou.EcritureOccupee) as erreur:
        print(f"Échec de la construction : {erreur}", file=sys.stderr)
        print("La base précédente est inchangée.", file=sys.stderr)
        return 1
    print(f"Base construite : {rapport.chemin} en {rapport.duree_s:.1f} s")
    for table, lignes in rapport.lignes.items():
        print(f"  {table:<22} {nombre(lignes):>12} lignes")
    print(f"  {len(rapport.vues)} vues SQL")
    return 0


def afficheur_d_attente():
    """Une fonction d'attente qui imprime ce que fait l'autre écrivain, une fois par changement."""
    derniere = [""]

    def attendre(qui: verrou.Occupant) -> None:
        phrase = f"En attente : {qui.phrase()}"
        if phrase != derniere[0]:
            derniere[0] = phrase
            print(phrase, flush=True)

    return attendre
