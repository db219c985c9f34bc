"""Cached data of the Carte page: simplified outlines per perimeter and the analysts' indicators.

Outlines are read, simplified and packed once per perimeter and database version, and kept as one
shared object (`st.cache_resource`: the FeatureCollection is only read, never copied per rerun).
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from vigie.analyses import cartographie, indicateurs_carte
from vigie.interface import connexion, donnees


@st.cache_resource(show_spinner=False, max_entries=64)
def _contours(niveau: str, code: str, version: tuple) -> cartographie.Contours:
    lignes = donnees.requete("carte_contours", niveau=niveau, code=code)
    return cartographie.contours(
        lignes["code_commune"].tolist(), lignes["nom_commune"].tolist(), lignes["geojson"].tolist()
    )


def contours(niveau: str, code: str) -> cartographie.Contours:
    """The simplified outlines of the communes of a perimeter (cached per perimeter)."""
    return _contours(niveau, code, connexion.version_donnees())


@st.cache_data(show_spinner=False, max_entries=8)
def _indicateurs_analystes(version: tuple) -> list[indicateurs_carte.Indicateur]:
    catalogue = connexion.catalogue()
    curseur = catalogue.curseur()
    try:
        return indicateurs_carte.indicateurs_des_vues(curseur, catalogue.vues_actives)
    finally:
        curseur.close()


def indicateurs_analystes() -> list[indicateurs_carte.Indicateur]:
    """Views shaped `code_commune, annee, valeur [, scenario]` of sql/views, as map indicators."""
    return _indicateurs_analystes(connexion.version_donnees())


def executer(nom: str, **parametres) -> pd.DataFrame:
    """Run a named query through the page cache (the catalogue's `Executer`)."""
    return donnees.requete(nom, **parametres)
