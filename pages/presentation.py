"""Présentation — le territoire et le scénario choisis au vidéoprojecteur, un message par écran :
grands chiffres avec leur fourchette en toutes lettres, grands graphiques, précédent et suivant,
sans barre latérale.

Décision éclairée : partager les constats avec le conseil en réunion, en français simple, en
disant l'incertitude à voix haute (« entre 111 000 et 135 000 habitants, 119 000 le plus
probable »). Les écrans sont ceux du diaporama PowerPoint (`vigie.exports.ecrans`). Le territoire
vient de l'URL (`?niveau=…&code=…&horizon=…&scenario=…&ecran=…`) : un lien ouvre donc le même
écran.
"""

import streamlit as st

from vigie.exports import contenu
from vigie.interface import barre_laterale, presentation
from vigie.interface import exports as documents
from vigie.interface import scenarios as catalogue_scenarios

selection = barre_laterale.selection_courante()

presentation.installer()  # plein écran, pour vidéoprojecteur : sans barre latérale, gros caractères

# Une même liste pour toutes les pages : les scénarios standard, puis ceux enregistrés par
# l'utilisateur.
catalogue = catalogue_scenarios.catalogue()
libelles = {c: e.libelle_choix for c, e in catalogue.items() if e.calcule}
if not any(e.calcule and not e.enregistre for e in catalogue.values()):
    st.warning("Aucune projection dans la base : lancez « python -m vigie build ».")
    st.stop()
demande_url = st.query_params.get("scenario")
if st.session_state.get("presentation_scenario") not in libelles:
    st.session_state["presentation_scenario"] = (
        demande_url if demande_url in libelles else next(iter(libelles))
    )
scenario = st.session_state["presentation_scenario"]
try:
    dossier = documents.dossier(selection.niveau, selection.code, scenario, selection.horizon)
except contenu.ErreurExport as erreur:
    st.error(str(erreur), icon=":material/error:")
    st.stop()
liste = presentation.ecrans_du_dossier(dossier)

if "presentation_ecran" not in st.session_state:
    try:
        st.session_state["presentation_ecran"] = int(st.query_params.get("ecran", 1)) - 1
    except ValueError:
        st.session_state["presentation_ecran"] = 0
indice = min(max(st.session_state["presentation_ecran"], 0), len(liste) - 1)
st.session_state["presentation_ecran"] = indice
st.query_params.update({"scenario": scenario, "ecran": str(indice + 1)})


def _aller(pas: int) -> None:
    st.session_state["presentation_ecran"] = min(
        max(st.session_state["presentation_ecran"] + pas, 0), len(liste) - 1
    )


presentation.montrer(dossier, indice)
presentation.clavier(indice)

navigation = st.container(key="presentation_navigation")
precedent, position, suivant, chiffres, reglages = navigation.columns(
    [2, 2, 2, 2, 2], vertical_alignment="center"
)
precedent.button(
    "Précédent",
    icon=":material/arrow_back:",
    key="presentation_precedent",
    on_click=_aller,
    args=(-1,),
    disabled=indice == 0,
    width="stretch",
)
position.caption(f"écran {indice + 1} sur {len(liste)} · touches ← →", text_alignment="center")
suivant.button(
    "Suivant",
    icon=":material/arrow_forward:",
    key="presentation_suivant",
    on_click=_aller,
    args=(1,),
    disabled=indice == len(liste) - 1,
    type="primary",
    width="stretch",
)
presentation.chiffres_du_graphique(chiffres)
with reglages.popover("Scénario et sortie", icon=":material/tune:"):
    st.selectbox(
        "Scénario de population",
        list(libelles),
        format_func=libelles.get,
        key="presentation_scenario",
    )
    st.page_link("pages/accueil.py", label="Quitter la présentation", icon=":material/close:")
