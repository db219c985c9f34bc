"""Fichier d'entrée de Vigie : cadre l'application, dessine la barre latérale commune et mène à la
page choisie.

Lancement : `streamlit run dashboard.py` (ou `python -m vigie serve`). Au premier démarrage, si la
base manque, elle est construite à partir du territoire de démonstration livré, avec un message
d'avancement visible.
"""

from pathlib import Path

import streamlit as st

from vigie import format_fr, textes
from vigie.interface import barre_laterale, connexion

ICI = Path(__file__).parent

st.set_page_config(
    page_title=f"{textes.NOM_APPLICATION} — aide à la décision territoriale",
    # Un fichier local : une icône ":material/...:" serait téléchargée depuis un serveur de Google.
    page_icon=str(ICI / "vigie" / "interface" / "icone.png"),
    layout="wide",
    initial_sidebar_state="expanded",
)

connexion.construire_si_absente()
connexion.verifier_base()  # base abîmée : message en français, bouton Reconstruire, sans traceback


def _page(fichier: str, titre: str, icone: str, **options) -> st.Page:
    return st.Page(ICI / "pages" / fichier, title=titre, icon=f":material/{icone}:", **options)


# Groupées comme travaillent les utilisateurs : les questions du territoire, la réunion du conseil,
# les données derrière.
PAGES = {
    "Le territoire": [
        _page("accueil.py", "Accueil", "home", default=True),
        _page("population.py", "Population", "groups"),
        _page("services.py", "Services", "school"),
        _page("scenarios.py", "Scénarios", "tune"),
        _page("frequentation.py", "Fréquentation", "trending_up"),
        _page("carte.py", "Carte", "map"),
        _page("comparer.py", "Comparer", "compare_arrows"),
    ],
    "En réunion": [
        _page("presentation.py", "Présentation", "slideshow"),
        _page("exports.py", "Exporter", "download"),
    ],
    "Les données": [
        _page("donnees.py", "Données", "table_view"),
        _page("import_donnees.py", "Importer des données", "upload_file"),
        _page("sources.py", "Sources et méthodes", "menu_book"),
    ],
}

page = st.navigation(PAGES)
try:
    st.session_state["selection"] = barre_laterale.afficher()
    page.run()
except Exception as erreur:
    # Un bloc illisible trouvé en lisant, ou une écriture arrêtée par un disque plein (chaque
    # enregistrement de chaque page finit ici : un message en français, l'état précédent intact).
    if connexion.est_corruption(erreur):
        connexion.afficher_base_endommagee(connexion.message_corruption(erreur))
    elif (plein := connexion.disque_plein(erreur)) is not None:
        st.error(format_fr.texte_markdown(plein), icon=":material/hard_drive:")
    else:
        raise
