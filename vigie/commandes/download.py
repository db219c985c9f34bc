"""`python -m vigie download` : télécharge les fichiers nationaux officiels (le seul accès au
réseau, à la demande de l'utilisateur), puis les importe sur demande (`--importer`, par la commande
`import` elle-même, sans remonter à vigie.cli)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from vigie.alimentation import telechargement
from vigie.alimentation.importation import depot
from vigie.alimentation.importation.erreurs import ErreurImport
from vigie.commandes import import_
from vigie.format_fr import nombre

NOM = "download"
AIDE = (
    "Liste les fichiers officiels que lisent les pages, à quoi chacun sert, s'il est déjà dans "
    "la base et où le prendre (--liste) ; télécharge, quand vous êtes connecté, ceux qui ont une "
    "adresse directe, avec reprise et empreinte enregistrée, et les importe sur demande "
    "(--importer)."
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
        lister(connus, arguments.dossier)
        return 0
    par_nom = {f.nom: f for f in connus}
    inconnus = [n for n in arguments.fichiers if n not in par_nom]
    if inconnus:
        print(
            f"Fichiers absents du catalogue : {', '.join(inconnus)}. Voir « --liste ».",
            file=sys.stderr,
        )
        return 2
    # Par défaut, tout ce qui a une adresse directe ; un fichier à prendre à la main, nommé,
    # reçoit la phrase qui dit où le prendre.
    choisis = [par_nom[n] for n in arguments.fichiers] or [f for f in connus if f.url]

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


def lister(connus: list[telechargement.Fichier], dossier: Path | None) -> None:
    """Le catalogue par groupe : chaque fichier, ce à quoi il sert, s'il est déjà dans la base,
    et son adresse ou comment l'obtenir à la main."""
    try:
        presents = telechargement.presents(connus, depot.lire_manifeste())
    except ErreurImport:
        presents = {}
    groupes: dict[str, list[telechargement.Fichier]] = {}
    for f in connus:
        groupes.setdefault(f.groupe or "Autres", []).append(f)
    for groupe, fichiers in groupes.items():
        print(f"\n{groupe}")
        for f in fichiers:
            etat = " [déjà dans la base]" if presents.get(f.nom) else ""
            print(f"  {f.nom} — {f.editeur} : {f.titre}{etat}")
            if f.sert_a:
                print(f"      sert à : {f.sert_a}")
            if f.url:
                verifie = (
                    "" if f.adresse_verifiee else " (adresse à vérifier sur la page de l'éditeur)"
                )
                print(f"      {f.url}{verifie}")
            elif f.livre:
                print(f"      livré avec Vigie : {f.page}")
            else:
                print(f"      à télécharger à la main depuis {f.page}")
    depot_manuel = dossier or telechargement.dossier_telechargements()
    print(
        "\nLes fichiers sans adresse directe se prennent sur la page de l'éditeur (souvent un "
        f"filtre sur votre département) : déposez-les dans {depot_manuel} (ou tout autre dossier), "
        f"puis lancez « python -m vigie import {depot_manuel} » ou la page Importer. "
        "« python -m vigie download » sans nom télécharge ceux qui ont une adresse."
    )


def importer(chemins: list[Path]) -> int:
    """Importe les fichiers obtenus comme `python -m vigie import FICHIER...` (mêmes options par
    défaut, mêmes messages) ; rend le code de sortie de l'import."""
    parseur = argparse.ArgumentParser(prog=f"python -m vigie {import_.NOM}")
    import_.configurer(parseur)
    return import_.executer(parseur.parse_args(["--", *map(str, chemins)]))
