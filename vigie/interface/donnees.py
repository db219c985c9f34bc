"""Cached named queries for the pages: small hashable arguments in, DataFrames out."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from vigie.interface import connexion
from vigie.stockage import base


@st.cache_data(show_spinner=False, max_entries=512)
def _requete(nom: str, parametres: tuple, version: tuple) -> pd.DataFrame:
    curseur = connexion.catalogue().curseur()
    try:
        return base.requete(curseur, nom, **dict(parametres))
    finally:
        curseur.close()


def requete(nom: str, **parametres) -> pd.DataFrame:
    """Run the named query `sql/queries/<nom>.sql`, cached until the data or the views change."""
    return _requete(nom, tuple(sorted(parametres.items())), connexion.version_donnees()).copy()


def sources(table: str) -> list[dict]:
    """The source files of a table, for the line under a chart."""
    return requete("sources_table", table=table).to_dict("records")
