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
    # A local file: a ":material/...:" favicon would be fetched from a Google server.
    page_icon=str(ICI / "vigie" / "interface" / "icone.png"),
    layout="wide",
    initial_sidebar_state="expanded",
)

connexion.construire_si_absente()

PAGES = [
    st.Page(ICI / "pages" / "accueil.py", title="Accueil", icon=":material/home:", default=True),
    st.Page(ICI / "pages" / "population.py", title="Population", icon=":material/groups:"),
    st.Page(ICI / "pages" / "services.py", title="Services", icon=":material/school:"),
    st.Page(ICI / "pages" / "scenarios.py", title="Scénarios", icon=":material/tune:"),
    st.Page(
        ICI / "pages" / "frequentation.py", title="Fréquentation", icon=":material/trending_up:"
    ),
    st.Page(ICI / "pages" / "carte.py", title="Carte", icon=":material/map:"),
    st.Page(ICI / "pages" / "comparer.py", title="Comparer", icon=":material/compare_arrows:"),
    st.Page(ICI / "pages" / "donnees.py", title="Données", icon=":material/table_view:"),
    st.Page(ICI / "pages" / "sources.py", title="Sources et méthodes", icon=":material/menu_book:"),
    st.Page(
        ICI / "pages" / "import_donnees.py",
        title="Importer des données",
        icon=":material/upload_file:",
    ),
    st.Page(ICI / "pages" / "exports.py", title="Exporter", icon=":material/download:"),
    st.Page(ICI / "pages" / "presentation.py", title="Présentation", icon=":material/slideshow:"),
]

page = st.navigation(PAGES)
st.session_state["selection"] = barre_laterale.afficher()
page.run()
