"""`python -m vigie serve` : lance l'application (Streamlit) sur 127.0.0.1, liens profonds compris.

Pourquoi pas simplement `streamlit run dashboard.py` : Streamlit traite encore un dossier `pages/`
comme son ancienne disposition multipage tant que `st.navigation` n'a pas tourné une fois dans le
processus serveur ; la toute première requête d'un serveur neuf vers l'adresse d'une page (un lien
envoyé avant une réunion, `/services?...`) exécuterait donc cette page sans `dashboard.py` (ni sa
barre latérale). Déclarer d'emblée que l'application utilise `st.navigation` l'évite
(streamlit/streamlit#9624, #9992).
"""

from __future__ import annotations

import argparse
import sys

from vigie import chemins

NOM = "serve"
AIDE = "Ouvre l'application Vigie dans le navigateur (serveur local 127.0.0.1)."
OPTIONS_LIBRES = True  # les autres options (--server.xxx ...) vont à Streamlit


def configurer(parseur: argparse.ArgumentParser) -> None:
    parseur.add_argument("--port", type=int, default=8501, help="port local (défaut : 8501)")
    parseur.epilog = "Les autres options (--server.xxx ...) sont passées à Streamlit."


def executer(arguments: argparse.Namespace) -> int:
    from streamlit.runtime.pages_manager import PagesManager
    from streamlit.web import cli

    PagesManager.uses_pages_directory = False  # l'application ne route que par st.navigation
    sys.argv = [
        "streamlit",
        "run",
        str(chemins.RACINE / "dashboard.py"),
        "--server.port",
        str(arguments.port),
        *getattr(arguments, "options", []),
    ]
    try:
        cli.main()
    except SystemExit as fin:
        return int(fin.code or 0)
    return 0
