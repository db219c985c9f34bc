"""The command line: `python -m vigie build | check | ...`.

Each command lives in its own module of `vigie/commandes/` that defines `NOM`, `AIDE`,
`configurer(parseur)` and `executer(arguments) -> int`; this file only discovers and dispatches
them, so adding a command touches no other file.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys

from vigie import commandes


def _modules_commandes():
    for info in sorted(pkgutil.iter_modules(commandes.__path__), key=lambda m: m.name):
        yield importlib.import_module(f"vigie.commandes.{info.name}")


def principal(arguments: list[str] | None = None) -> int:
    """Parse the arguments and run the chosen command; return the process exit code."""
    # Windows consoles default to a legacy code page: French messages must not crash the command.
    for flux in (sys.stdout, sys.stderr):
        if hasattr(flux, "reconfigure"):
            flux.reconfigure(errors="replace")
    parseur = argparse.ArgumentParser(
        prog="python -m vigie",
        description="Vigie : aide à la décision pour les territoires (données, projections, services).",
    )
    sous = parseur.add_subparsers(dest="commande", metavar="COMMANDE")
    executeurs = {}
    for module in _modules_commandes():
        p = sous.add_parser(module.NOM, help=module.AIDE, description=module.AIDE)
        module.configurer(p)
        executeurs[module.NOM] = module.executer
    args, reste = parseur.parse_known_args(arguments)
    if reste:
        # `serve` passes the options it does not know to Streamlit (`--server.address ...`):
        # argparse's REMAINDER does not take options that start with "--" after an optional.
        if not isinstance(getattr(args, "options", None), list):
            parseur.error(f"arguments inconnus : {' '.join(reste)}")
        args.options = reste + args.options
    if not args.commande:
        parseur.print_help()
        return 2
    return executeurs[args.commande](args)
