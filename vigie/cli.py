"""La ligne de commande : `python -m vigie build | check | ...`.

Chaque commande vit dans son propre module de `vigie/commandes/`, qui définit `NOM`, `AIDE`,
`configurer(parseur)` et `executer(arguments) -> int` ; ce fichier ne fait que les découvrir et
leur passer la main : ajouter une commande ne touche aucun autre fichier.

Un disque plein, quelle que soit la commande et la couche qui l'a rencontré, finit ici en un
message en français (`vigie.stockage.disque`) et le code de sortie 1, jamais en trace d'erreur.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys

from vigie import chemins, commandes
from vigie.stockage import base, disque


def _modules_commandes():
    for info in sorted(pkgutil.iter_modules(commandes.__path__), key=lambda m: m.name):
        yield importlib.import_module(f"vigie.commandes.{info.name}")


def principal(arguments: list[str] | None = None) -> int:
    """Lit les arguments et lance la commande choisie ; rend le code de sortie du processus."""
    # Les consoles Windows sont par défaut dans une ancienne page de codes : les messages en
    # français ne doivent pas faire planter la commande.
    for flux in (sys.stdout, sys.stderr):
        if hasattr(flux, "reconfigure"):
            flux.reconfigure(errors="replace")
    parseur = argparse.ArgumentParser(
        prog="python -m vigie",
        description="Vigie : aide à la décision pour les territoires (données, projections, services).",
    )
    sous = parseur.add_subparsers(dest="commande", metavar="COMMANDE")
    executeurs, libres = {}, set()
    for module in _modules_commandes():
        p = sous.add_parser(module.NOM, help=module.AIDE, description=module.AIDE)
        module.configurer(p)
        executeurs[module.NOM] = module.executer
        if getattr(module, "OPTIONS_LIBRES", False):
            libres.add(module.NOM)
    # Une commande à OPTIONS_LIBRES (serve) reçoit les options qu'elle ne connaît pas dans
    # `arguments.options` (ex. les --server.xxx de Streamlit) ; argparse.REMAINDER ne sait pas
    # prendre des mots en forme d'option après une option
    # (`serve --port 8501 --server.address ...`).
    args, reste = parseur.parse_known_args(arguments)
    if not args.commande:
        parseur.print_help()
        return 2
    if args.commande in libres:
        args.options = reste
    elif reste:
        parseur.error(f"arguments non reconnus : {' '.join(reste)}")
    try:
        return executeurs[args.commande](args)
    except base.BaseIntrouvable as erreur:
        # Pas encore de base (dépôt tout neuf), ou base abîmée : le message dit la commande qui
        # la construit ; jamais de trace Python pour cela.
        print(f"{args.commande} impossible : {erreur}", file=sys.stderr)
        if type(erreur) is base.BaseIntrouvable:
            print(
                "Pour un territoire réel, importez d'abord ses fichiers : « python -m vigie "
                "import DOSSIER » construit la base puis les importe.",
                file=sys.stderr,
            )
        return 1
    except Exception as erreur:
        francais = disque.traduire(
            erreur, f"commande « {args.commande} »", chemins.chemin_base().parent
        )
        if francais is None:
            raise
        print(francais, file=sys.stderr)
        return 1
