"""Présentation — the chosen territory and scenario on a projector, one message per screen: big
numbers with their range in words, large charts, previous and next, no sidebar.

Decision supported: share the findings with the council in a meeting, in plain French, with the
uncertainty said aloud ("entre 111 000 et 135 000 habitants, 119 000 le plus probable").
The screens are those of the PowerPoint deck (`vigie.exports.ecrans`). The territory comes from
the URL (`?niveau=…&code=…&horizon=…&scenario=…&ecran=…`), so a link opens the same screen.
"""

import html

import streamlit as st

from vigie.exports import contenu
from vigie.exports.ecrans import ecrans
from vigie.interface import barre_laterale, composants
from vigie.interface import exports as documents
from vigie.interface import scenarios as catalogue_scenarios

selection = barre_laterale.selection_courante()

# Full screen for a projector: no sidebar, no toolbar, larger text (this page only).
st.html(
    """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
[data-testid="stHeader"], [data-testid="stToolbar"] { display: none !important; }
.block-container { padding-top: 1.2rem !important; max-width: 100% !important; }
.vigie-titre { font-size: 2.6rem; font-weight: 700; color: #0072B2; line-height: 1.15; }
.vigie-chiffre { font-size: 4.2rem; font-weight: 700; color: #1b2631; line-height: 1.1; }
.vigie-fourchette { font-size: 1.7rem; color: #3d4b5c; line-height: 1.3; }
.vigie-message { font-size: 1.6rem; line-height: 1.4; color: #1b2631; }
.vigie-note { font-size: 0.95rem; color: #6b7785; }
</style>
"""
)

# One list for every page: the standard scenarios, then the user's saved ones.
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
liste = ecrans(dossier)

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


ecran = liste[indice]
figure = ecran.figure() if ecran.figure else None


def _bloc(classe: str, texte: str | None, style: str = "") -> None:
    """A styled block of text; the text is escaped, since it carries names from the data (a
    commune named `<script>` is shown as written, never run)."""
    st.markdown(
        f'<div class="{html.escape(classe)}" style="{html.escape(style)}">'
        f"{html.escape(texte or '')}</div>",
        unsafe_allow_html=True,
    )


if indice == 0:
    _bloc("vigie-titre", ecran.titre, "margin-top:12vh")
    _bloc("vigie-message", ecran.message, "margin-top:1rem")
    _bloc("vigie-note", ecran.note, "margin-top:2rem")
else:
    _bloc("vigie-titre", ecran.titre)
    gauche, droite = st.columns([2, 3] if figure is not None else [1, 0.001], gap="large")
    with gauche:
        if ecran.chiffre:
            _bloc("vigie-chiffre", ecran.chiffre)
        if ecran.fourchette:
            _bloc("vigie-fourchette", ecran.fourchette)
        _bloc("vigie-message", ecran.message, "margin-top:1.2rem")
    if figure is not None:
        with droite:
            figure.update_layout(height=max(figure.layout.height or 500, 560))
            composants.graphique(figure, cle=f"presentation_graphique_{indice}")
    if ecran.note:
        _bloc("vigie-note", ecran.note)

st.divider()
precedent, position, suivant, reglages = st.columns([2, 2, 2, 3], vertical_alignment="center")
precedent.button(
    "Précédent",
    icon=":material/arrow_back:",
    key="presentation_precedent",
    on_click=_aller,
    args=(-1,),
    disabled=indice == 0,
    width="stretch",
)
position.caption(f"écran {indice + 1} sur {len(liste)}", text_alignment="center")
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
with reglages.popover("Scénario et sortie", icon=":material/tune:"):
    st.selectbox(
        "Scénario de population",
        list(libelles),
        format_func=libelles.get,
        key="presentation_scenario",
    )
    st.page_link("pages/accueil.py", label="Quitter la présentation", icon=":material/close:")
