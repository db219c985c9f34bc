"""Requêtes nommées en cache pour les pages : de petits arguments hachables en entrée, des
DataFrames en sortie."""

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
    """Exécute la requête nommée `sql/queries/<nom>.sql`, en cache jusqu'à ce que les données ou
    les vues changent."""
    return _requete(nom, tuple(sorted(parametres.items())), connexion.version_donnees()).copy()


def libelles_scenarios() -> dict[str, str]:
    """Les scénarios de projection de la base, du code au libellé, dans l'ordre de la requête."""
    scenarios = requete("projection_scenarios")
    return dict(zip(scenarios["scenario"], scenarios["libelle"], strict=True))


def sources(table: str, niveau: str | None = None, code: str | None = None) -> list[dict]:
    """Les fichiers sources d'une table, pour la ligne sous un graphique.

    Avec un périmètre (`niveau`, `code`), seulement les fichiers des lignes qui décrivent ses
    communes : un territoire réel ne cite jamais les fichiers de démonstration chargés dans la même
    table (issue 14).
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
