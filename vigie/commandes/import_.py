"""`python -m vigie import FICHIER_OU_DOSSIER...` : importe des fichiers officiels (INSEE, COG, DGCL,
IGN) ou le modèle de fréquentation, tels que publiés ; un dossier apporte tous les fichiers reconnus,
dans n'importe quel ordre, les refusés étant listés avec leur raison ; `--retirer NOM` oublie un
fichier importé ; `--liste` montre ce qui a été importé.

Sous le verrou d'écriture du dossier : une construction ou un autre import en cours, la commande
attend son tour en le disant."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from vigie import chemins
from vigie.alimentation import construction, importation
from vigie.alimentation.importation import depot, dossier, formats
from vigie.commandes.build import afficheur_d_attente
from vigie.format_fr import nombre
from vigie.stockage import verrou

NOM = "import"
AIDE = (
    "Importe des fichiers officiels (INSEE, COG, DGCL, IGN, BPE) ou le modèle de fréquentation, "
    "tels que publiés, dans la base ; ils sont gardés et rejoués à chaque reconstruction."
)


def configurer(parseur: argparse.ArgumentParser) -> None:
    parseur.add_argument("fichiers", nargs="*", type=Path, help="fichiers ou dossiers à importer")
    parseur.add_argument("--base", type=Path, help="base à modifier (défaut : data/vigie.duckdb)")
    parseur.add_argument("--retirer", metavar="NOM", help="retire un fichier importé (par son nom)")
    parseur.add_argument("--liste", action="store_true", help="liste les fichiers importés")
    parseur.add_argument("--formats", action="store_true", help="liste les fichiers reconnus")
    parseur.add_argument(
        "--usage",
        metavar="SERVICE",
        help="lit les exports BDM de l'INSEE donnés comme des séries d'usage de ce service "
        "(code du registre : mediatheque, piscine, petite_enfance…), que "
        "« python -m vigie forecast » prévoit ; sans l'option, une série nationale de référence",
    )
    parseur.add_argument(
        "--indicateur", help="avec --usage : l'indicateur (défaut : le libellé BDM)"
    )
    parseur.add_argument("--unite", help="avec --usage : l'unité des valeurs (défaut : nombre)")
    parseur.add_argument(
        "--commune", metavar="CODE", help="avec --usage : la commune que la série décrit"
    )


def _construire_d_abord(base: Path | None, afficher) -> int:
    """Premier import d'un dépôt tout neuf (pas encore de base) : la base est d'abord construite
    depuis les fichiers livrés, sans les projections (la construction qui suivra l'import les
    calcule sur le territoire importé), puis l'import s'y écrit. 0 si la base est prête."""
    cible = Path(base or chemins.chemin_base())
    print(
        f"Pas encore de base ({cible}) : construction de la base à partir des fichiers livrés "
        "d'abord (sans les projections, calculées par « python -m vigie build » après l'import).",
        flush=True,
    )
    try:
        rapport = construction.construire(
            chemin=base, progression=afficher, projeter=False, attente=afficheur_d_attente()
        )
    except (construction.ErreurConstruction, verrou.EcritureOccupee) as erreur:
        print(
            f"Import impossible : la base n'a pas pu être construite ({erreur}).", file=sys.stderr
        )
        return 1
    print(f"Base construite en {rapport.duree_s:.1f} s ; import des fichiers.", flush=True)
    return 0


def executer(arguments: argparse.Namespace) -> int:
    if arguments.formats:
        for fmt in formats.FORMATS:
            print(f"  - {fmt.libelle}")
        return 0
    if arguments.liste:
        entrees = depot.lire_manifeste()
        if not entrees:
            print("Aucun fichier importé.")
        for e in entrees:
            print(f"  {e['importe_le']}  {e['nom']}  ({e['format']}, sha256 {e['sha256'][:12]}…)")
        return 0
    if arguments.retirer:
        try:
            depot.retirer(arguments.retirer, base=arguments.base)
        except importation.ErreurImport as erreur:
            print(f"Retrait impossible : {erreur.message}", file=sys.stderr)
            return 1
        print(f"{arguments.retirer} retiré ; la base est à jour.")
        return 0
    if not arguments.fichiers:
        print(
            "Indiquez au moins un fichier (python -m vigie import --formats pour la liste).",
            file=sys.stderr,
        )
        return 2

    def afficher(message: str, fraction: float) -> None:
        print(f"[{fraction:4.0%}] {message}", flush=True)

    usage = None
    if arguments.usage:
        if any(chemin.is_dir() for chemin in arguments.fichiers):
            print(
                "--usage s'applique à des fichiers, pas à un dossier : nommez le ou les exports "
                "BDM à lire comme séries d'usage.",
                file=sys.stderr,
            )
            return 2
        usage = {
            "service": arguments.usage,
            "indicateur": arguments.indicateur,
            "unite": arguments.unite,
            "code_commune": arguments.commune,
        }
    elif arguments.indicateur or arguments.unite or arguments.commune:
        print("--indicateur, --unite et --commune vont avec --usage SERVICE.", file=sys.stderr)
        return 2
    if not Path(arguments.base or chemins.chemin_base()).exists():
        code = _construire_d_abord(arguments.base, afficher)
        if code:
            return code
    try:
        if any(chemin.is_dir() for chemin in arguments.fichiers):
            rapport = dossier.importer_dossier(
                arguments.fichiers, base=arguments.base, progression=afficher
            )
        else:
            rapport = importation.importer(
                arguments.fichiers,
                base=arguments.base,
                progression=afficher,
                attente=afficheur_d_attente(),
                usage=usage,
            )
    except importation.ErreursImport as erreurs:
        for erreur in erreurs.erreurs:
            print(f"Refusé : {erreur.message}", file=sys.stderr)
        print("Aucun fichier n'a été importé : la base est inchangée.", file=sys.stderr)
        return 1
    except importation.ErreurImport as erreur:
        print(f"Import impossible : {erreur.message}", file=sys.stderr)
        print("La base est inchangée.", file=sys.stderr)
        return 1
    except verrou.EcritureOccupee as erreur:
        print(f"Import impossible : {erreur}", file=sys.stderr)
        return 1
    for fichier in rapport.fichiers:
        if fichier.statut == "refusé":
            print(f"Refusé : {fichier.message}", file=sys.stderr)
            continue
        print(
            f"{fichier.statut.capitalize()} : {fichier.nom}"
            + (f" — {fichier.type_fichier}" if fichier.type_fichier else "")
        )
        for table, lignes in fichier.lignes.items():
            print(f"    {table:<24} {nombre(lignes):>10} lignes")
        for remarque in fichier.remarques:
            print(f"    · {remarque}")
    if any(f.statut == "importé" and f.lignes.get("usage_observation") for f in rapport.fichiers):
        print(
            "Séries d'usage importées : « python -m vigie forecast » (ou, sur la page "
            "Fréquentation, « Calculer les prévisions maintenant ») les prévoira."
        )
        if usage and not usage["code_commune"]:
            print(
                "    · Sans --commune CODE, la série est prévue mais n'apparaît sur la page "
                "Fréquentation d'aucun territoire (elle y est rangée par commune)."
            )
    print(
        f"Terminé en {rapport.duree_s:.1f} s. Les projections de population seront recalculées "
        "à la prochaine construction (python -m vigie build)."
    )
    return 0
