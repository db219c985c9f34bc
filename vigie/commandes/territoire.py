"""`python -m vigie territoire` : définit un territoire à soi (un Pays = un groupe d'EPCI, ou des
communes choisies), liste ou supprime les territoires. Gardés dans la base de l'utilisateur ; ils
survivent à chaque reconstruction."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from vigie.reglages import territoires

NOM = "territoire"
AIDE = "Définit un territoire à soi (Pays, pôle…) à partir d'EPCI et/ou de communes."


def configurer(parseur: argparse.ArgumentParser) -> None:
    parseur.add_argument("--nom", help="nom du territoire, ex. « Pays de Morlaix »")
    parseur.add_argument("--epci", nargs="*", default=[], help="SIREN ou noms des EPCI")
    parseur.add_argument("--communes", nargs="*", default=[], help="codes INSEE ou noms")
    parseur.add_argument("--type", default="pays", choices=list(territoires.TYPES))
    parseur.add_argument("--supprimer", metavar="CODE", help="supprime un territoire")
    parseur.add_argument("--liste", action="store_true", help="liste vos territoires")
    parseur.add_argument("--base", type=Path, help="base à modifier (défaut : data/vigie.duckdb)")


def executer(arguments: argparse.Namespace) -> int:
    try:
        if arguments.liste:
            for t in territoires.lister():
                print(
                    f"  {t.code} — {t.nom} ({territoires.TYPES[t.type]}) : "
                    f"{len(t.epcis)} EPCI, {len(t.communes)} communes choisies une à une"
                )
            return 0
        if arguments.supprimer:
            territoires.supprimer(arguments.supprimer, base=arguments.base)
            print(f"Territoire {arguments.supprimer} supprimé.")
            return 0
        if not arguments.nom:
            print(
                "Donnez --nom et au moins un --epci ou une commune (--communes).", file=sys.stderr
            )
            return 2
        t = territoires.enregistrer(
            arguments.nom, arguments.epci, arguments.communes, arguments.type, base=arguments.base
        )
    except territoires.ErreurTerritoire as erreur:
        print(f"Territoire non enregistré : {erreur}", file=sys.stderr)
        return 1
    print(f"Territoire {t.nom} ({t.code}) enregistré : il apparaît dans le menu « Territoire ».")
    return 0
