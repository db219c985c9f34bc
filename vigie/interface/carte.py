"""Les données en cache de la page Carte : les contours simplifiés de chaque périmètre et les
indicateurs des analystes.

Les contours sont lus, simplifiés et rangés une fois par périmètre et version de la base, et gardés
en un seul objet partagé (`st.cache_resource` : la FeatureCollection est seulement lue, jamais
copiée à chaque réexécution).
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from vigie.analyses import cartographie, indicateurs
from vigie.interface import connexion, donnees


@st.cache_resource(show_spinner=False, max_entries=64)
def _contours(niveau: str, code: str, version: tuple) -> cartographie.Contours:
    lignes = donnees.requete("carte_contours", niveau=niveau, code=code)
    return cartographie.contours(
        lignes["code_commune"].tolist(), lignes["nom_commune"].tolist(), lignes["geojson"].tolist()
    )


def contours(niveau: str, code: str) -> cartographie.Contours:
    """Les contours simplifiés des communes d'un périmètre (en cache par périmètre)."""
    return _contours(niveau, code, connexion.version_donnees())


@st.cache_data(show_spinner=False, max_entries=8)
def _indicateurs_analystes(version: tuple) -> list[indicateurs.Indicateur]:
    return indicateurs.lister_catalogue(connexion.catalogue())


def indicateurs_analystes() -> list[indicateurs.Indicateur]:
    """Les vues de sql/views de la forme `code_commune, annee, valeur [, scenario]`, en
    indicateurs de la carte."""
    return _indicateurs_analystes(connexion.version_donnees())


def executer(nom: str, **parametres) -> pd.DataFrame:
    """Lance une requête nommée par le cache des pages (l'`Executer` du catalogue)."""
    return donnees.requete(nom, **parametres)
