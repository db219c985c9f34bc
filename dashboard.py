"""Vigie's entry file: frames the app, draws the shared sidebar and routes to the chosen page.

Run with `streamlit run dashboard.py` (or `python -m vigie serve`). On first start, when the
database is missing, it is built from the shipped demo territory with a visible progress message.
"""

from pathlib import Path

import streamlit as st

from vigie import textes
from vigie.interface import barre_laterale, connexion

ICI = Path(__file__).parent

st.set_page_config(
    page_title=f"{textes.NOM_APPLICATION} — aide à la décision territoriale",
    page_icon=":material/monitoring:",
    layout="wide",
    initial_sidebar_state="expanded",
)

connexion.construire_si_absente()

PAGES = [
    st.Page(ICI / "pages" / "accueil.py", title="Accueil", icon=":material/home:", default=True),
    st.Page(ICI / "pages" / "sources.py", title="Sources et méthodes", icon=":material/menu_book:"),
    st.Page(
        ICI / "pages" / "import_donnees.py",
        title="Importer des données",
        icon=":material/upload_file:",
    ),
]

page = st.navigation(PAGES)
st.session_state["selection"] = barre_laterale.afficher()
page.run()
