"""The shared sidebar: which territory (Pays, EPCI, commune) and which horizon.

The choice lives in `st.session_state` for the session and in the URL query parameters
(`?niveau=epci&code=000000001&horizon=2050`), so a link sent before a meeting opens the same view.
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from vigie import chemins, format_fr, textes
from vigie.interface import donnees

HORIZONS = [2030, 2035, 2040, 2045, 2050, 2055, 2060, 2065, 2070]
HORIZON_DEFAUT = 2050
# URL parameter -> session_state key of the widget.
CLES_URL = {"niveau": "barre_niveau", "code": "barre_code", "horizon": "barre_horizon"}


@dataclass(frozen=True)
class Selection:
    """The territory and horizon every page works on."""

    niveau: str
    code: str
    nom: str
    horizon: int

    @property
    def nom_md(self) -> str:
        """The name for Markdown contexts (titles, sentences, labels): shown as typed."""
        return format_fr.texte_markdown(self.nom)

    @property
    def libelle(self) -> str:
        """Name and level, for Markdown contexts (captions, labels)."""
        return f"{self.nom_md} ({textes.NIVEAUX[self.niveau].lower()})"


def _depuis_url() -> None:
    """On the first run of a session, take the choice from the URL if it names one."""
    if st.session_state.get("_barre_initialisee"):
        return
    st.session_state["_barre_initialisee"] = True
    parametres = st.query_params
    if parametres.get("niveau") in textes.NIVEAUX_CHOIX:
        st.session_state["barre_niveau"] = parametres["niveau"]
    if parametres.get("code"):
        st.session_state["barre_code"] = parametres["code"]
    try:
        horizon = int(parametres.get("horizon", ""))
        if horizon in HORIZONS:
            st.session_state["barre_horizon"] = horizon
    except ValueError:
        pass


def afficher() -> Selection:
    """Draw the sidebar and return the current selection (also written into the URL)."""
    _depuis_url()
    st.session_state.setdefault("barre_niveau", textes.NIVEAUX_CHOIX[0])
    st.session_state.setdefault("barre_horizon", HORIZON_DEFAUT)
    perimetres = donnees.requete("perimetres")
    with st.sidebar:
        st.markdown(f"### {textes.NOM_APPLICATION}")
        niveau = st.radio(
            "Niveau",
            textes.NIVEAUX_CHOIX,
            format_func=lambda n: textes.NIVEAUX[n],
            key="barre_niveau",
        )
        choix = perimetres[perimetres["niveau"] == niveau]
        noms = dict(zip(choix["code_perimetre"], choix["nom_perimetre"], strict=True))
        codes = list(noms)
        if st.session_state.get("barre_code") not in noms:
            st.session_state["barre_code"] = codes[0]
        code = st.selectbox(
            textes.NIVEAUX[niveau],
            codes,
            format_func=lambda c: f"{noms[c]} ({c})" if niveau == "commune" else noms[c],
            key="barre_code",
        )
        horizon = st.select_slider(
            "Horizon des projections",
            options=HORIZONS,
            key="barre_horizon",
        )
        st.caption("Données locales : rien ne quitte cet ordinateur.")
    selection = Selection(niveau=niveau, code=code, nom=noms[code], horizon=int(horizon))
    st.query_params.update({"niveau": niveau, "code": code, "horizon": str(horizon)})
    return selection


def selection_courante() -> Selection:
    """The selection drawn by `dashboard.py` for this run.

    When a page runs without `dashboard.py` (plain `streamlit run` on a fresh server and a link to
    a page: Streamlit's legacy `pages/` routing), go through the entry file first, which draws the
    sidebar from the URL; `python -m vigie serve` never needs this.
    """
    selection = st.session_state.get("selection")
    if selection is None:
        st.switch_page(str(chemins.RACINE / "dashboard.py"))
    return selection
