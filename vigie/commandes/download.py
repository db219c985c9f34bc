"""`python -m vigie download` : télécharge les fichiers nationaux officiels (le seul accès au
réseau, à la demande de l'utilisateur), puis les importe sur demande (`--importer`, par la commande
`import` elle-même, sans remonter à vigie.cli)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from vigie.alimentation import telechargement
from vigie.commandes import import_
from vigie.format_fr import nombre

NOM = "download"
AIDE = (
    "Télécharge les fichiers nationaux officiels (INSEE) quand vous êtes connecté, avec reprise, "
    "empreinte enregistrée, et les importe sur demande (--importer)."
)


def configurer(parseur: argparse.ArgumentParser) -> None:
    parseur.add_argument(
        "fichiers", nargs="*", help="noms du catalogue à télécharger (défaut : tous ; --liste)"
    )
    parseur.add_argument("--liste", action="store_true", help="affiche le catalogue")
    parseur.add_argument("--dossier", type=Path, help="dossier de destination")
    parseur.add_argument("--catalogue", type=Path, help="autre catalogue (CSV ; nom;...;url;...)")
    parseur.add_argument(
        "--importer", action="store_true", help="importe les fichiers téléchargés dans la base"
    )


def executer(arguments: argparse.Namespace) -> int:
    """Liste le catalogue, ou télécharge les fichiers choisis (tous par défaut) puis, avec
    `--importer`, les importe ; rend le code de sortie (1 si un téléchargement a échoué)."""
    connus = telechargement.catalogue(arguments.catalogue)
    if arguments.liste:
        for f in connus:
            verifie = "" if f.adresse_verifiee else " (adresse à vérifier sur la page de l'éditeur)"
            print(f"{f.nom:<40} {f.editeur} — {f.titre}{verifie}\n{'':<40} {f.url}")
        return 0
    par_nom = {f.nom: f for f in connus}
    inconnus = [n for n in arguments.fichiers if n not in par_nom]
    if inconnus:
        print(
            f"Fichiers absents du catalogue : {', '.join(inconnus)}. Voir « --liste ».",
            file=sys.stderr,
        )
        return 2
    choisis = [par_nom[n] for n in arguments.fichiers] or connus

    def afficher(nom: str, recu: int, total: int | None) -> None:
        fraction = f"{recu / total:5.0%}" if total else ""
        print(f"\r{nom} : {nombre(recu / 1024)} Ko {fraction}", end="", flush=True)

    obtenus, echecs = [], 0
    for fichier in choisis:
        try:
            obtenus += telechargement.telecharger(fichier, arguments.dossier, afficher)
            print()
        except telechargement.ErreurTelechargement as erreur:
            print(f"\n{erreur}", file=sys.stderr)
            echecs += 1
    if arguments.importer and obtenus:
        return importer(obtenus) or (1 if echecs else 0)
    for chemin in obtenus:
        print(f"Téléchargé : {chemin}")
    return 1 if echecs else 0


def importer(chemins: list[Path]) -> int:
    """Importe les fichiers obtenus comme `python -m vigie import FICHIER...` (mêmes options par
    défaut, mêmes messages) ; rend le code de sortie de l'import."""
    parseur = argparse.ArgumentParser(prog=f"python -m vigie {import_.NOM}")
    import_.configurer(parseur)
    return import_.executer(parseur.parse_args(["--", *map(str, chemins)]))
