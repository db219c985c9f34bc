"""La barre latérale commune : quel territoire (Pays, EPCI, commune) et quel horizon.

Le choix vit dans `st.session_state` pour la session et dans les paramètres de l'URL
(`?niveau=epci&code=000000001&horizon=2050`) : un lien envoyé avant une réunion ouvre donc la même
vue.
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from vigie import chemins, format_fr, textes
from vigie.interface import donnees

HORIZONS = [2030, 2035, 2040, 2045, 2050, 2055, 2060, 2065, 2070]
HORIZON_DEFAUT = 2050
# Paramètre d'URL -> clé du composant dans session_state.
CLES_URL = {"niveau": "barre_niveau", "code": "barre_code", "horizon": "barre_horizon"}


@dataclass(frozen=True)
class Selection:
    """Le territoire et l'horizon sur lesquels travaille chaque page."""

    niveau: str
    code: str
    nom: str
    horizon: int

    @property
    def nom_md(self) -> str:
        """Le nom pour les contextes Markdown (titres, phrases, libellés) : montré tel que saisi."""
        return format_fr.texte_markdown(self.nom)

    @property
    def libelle(self) -> str:
        """Nom et niveau, pour les contextes Markdown (légendes, libellés)."""
        return f"{self.nom_md} ({textes.NIVEAUX[self.niveau].lower()})"


def _depuis_url() -> None:
    """À la première exécution d'une session, prend le choix dans l'URL si elle en nomme un."""
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
    """Dessine la barre latérale et rend la sélection courante (écrite aussi dans l'URL)."""
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
    """La sélection dessinée par `dashboard.py` pour cette exécution.

    Quand une page s'exécute sans `dashboard.py` (simple `streamlit run` sur un serveur tout juste
    lancé et un lien vers une page : l'ancien routage `pages/` de Streamlit), passe d'abord par le
    fichier d'entrée, qui dessine la barre latérale d'après l'URL ; `python -m vigie serve` n'en a
    jamais besoin.
    """
    selection = st.session_state.get("selection")
    if selection is None:
        st.switch_page(str(chemins.RACINE / "dashboard.py"))
    return selection
