"""`python -m vigie serve`: start the app (Streamlit) on 127.0.0.1, deep links included.

Why not plain `streamlit run dashboard.py`: Streamlit still treats a `pages/` folder as its legacy
multipage layout until `st.navigation` has run once in the server process, so the very first
request of a fresh server to a page URL (a link sent before a meeting, `/services?...`) would run
that page without `dashboard.py` (and its sidebar). Declaring up front that the app uses
`st.navigation` avoids it (streamlit/streamlit#9624, #9992).
"""

from __future__ import annotations

import argparse
import sys

from vigie import chemins

NOM = "serve"
AIDE = "Ouvre l'application Vigie dans le navigateur (serveur local 127.0.0.1)."
OPTIONS_LIBRES = True  # the other options (--server.xxx ...) go to Streamlit


def configurer(parseur: argparse.ArgumentParser) -> None:
    parseur.add_argument("--port", type=int, default=8501, help="port local (défaut : 8501)")
    parseur.epilog = "Les autres options (--server.xxx ...) sont passées à Streamlit."


def executer(arguments: argparse.Namespace) -> int:
    from streamlit.runtime.pages_manager import PagesManager
    from streamlit.web import cli

    PagesManager.uses_pages_directory = False  # the app routes with st.navigation only
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
