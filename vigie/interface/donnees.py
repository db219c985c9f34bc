"""Cached named queries for the pages: small hashable arguments in, DataFrames out."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from vigie import textes
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


def libelles_scenarios() -> dict[str, str]:
    """Les scénarios de projection de la base, du code au libellé, dans l'ordre de la requête."""
    scenarios = requete("projection_scenarios")
    return dict(zip(scenarios["scenario"], scenarios["libelle"], strict=True))


def sources(table: str, niveau: str | None = None, code: str | None = None) -> list[dict]:
    """The source files of a table, for the line under a chart.

    With a perimeter (`niveau`, `code`), only the files of the rows that describe its communes:
    a real territory never cites the demo files loaded in the same table (issue 14).
    """
    if niveau is None or code is None:
        return requete("sources_table", table=table).to_dict("records")
    return requete("sources_table_perimetre", table=table, niveau=niveau, code=code).to_dict(
        "records"
    )


def ligne_source(table: str, niveau: str | None = None, code: str | None = None) -> str:
    """La ligne « Source : … » sous un graphique tiré de `table`, pour le périmètre (`niveau`,
    `code`) : ses seuls fichiers (`sources`), écrits par `textes.ligne_source`."""
    return textes.ligne_source(sources(table, niveau, code))
