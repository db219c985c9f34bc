"""Cached access for the Données page: the catalogue's objects, an object read with filters, the
indicators from views, and the process-wide SQL sandbox.

Every cache key contains `connexion.version_donnees()`, which changes when the database is rebuilt
or a view file is added, edited or removed: a new view shows up at the next rerun.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import streamlit as st

from vigie import chemins
from vigie.analyses import indicateurs
from vigie.interface import connexion
from vigie.stockage import bac_a_sable, explorateur


def _avec_curseur(fonction, *arguments, **parametres):
    catalogue = connexion.catalogue()
    curseur = catalogue.curseur()
    try:
        return fonction(curseur, *arguments, **parametres)
    finally:
        curseur.close()


@st.cache_data(show_spinner=False, max_entries=8)
def _objets(version: tuple) -> list[explorateur.Objet]:
    catalogue = connexion.catalogue()
    curseur = catalogue.curseur()
    try:
        return explorateur.lister_objets(curseur, catalogue.vues_actives)
    finally:
        curseur.close()


def objets() -> list[explorateur.Objet]:
    """The live views then the tables, as the Données page lists them."""
    return _objets(connexion.version_donnees())


def erreurs_vues() -> list[str]:
    """The view files that could not be applied, each with its file, line and column."""
    catalogue = connexion.catalogue()
    catalogue.actualiser()
    return [str(e) for e in catalogue.erreurs]


@st.cache_data(show_spinner=False, max_entries=64)
def _colonnes(nom: str, version: tuple) -> pd.DataFrame:
    return _avec_curseur(explorateur.colonnes, nom)


def colonnes(nom: str) -> pd.DataFrame:
    return _colonnes(nom, connexion.version_donnees()).copy()


@st.cache_data(show_spinner=False, max_entries=64)
def _filtres(nom: str, version: tuple) -> explorateur.Filtres:
    return _avec_curseur(explorateur.filtres_possibles, nom)


def filtres(nom: str) -> explorateur.Filtres:
    return _filtres(nom, connexion.version_donnees())


@st.cache_data(show_spinner=False, max_entries=32)
def _lire(nom: str, parametres: tuple, version: tuple) -> tuple[pd.DataFrame, bool]:
    parametres = dict(parametres)
    if parametres.get("communes") is not None:
        parametres["communes"] = list(parametres["communes"])
    if parametres.get("categories") is not None:
        parametres["categories"] = {c: list(v) for c, v in parametres["categories"]}
    return _avec_curseur(explorateur.lire, nom, **parametres)


def lire(nom: str, **parametres) -> tuple[pd.DataFrame, bool]:
    """`explorateur.lire` cached; lists and dicts of the filters are made hashable here."""
    cle = []
    for cle_parametre, valeur in sorted(parametres.items()):
        if isinstance(valeur, list):
            valeur = tuple(valeur)
        elif isinstance(valeur, dict):
            valeur = tuple(sorted((c, tuple(v)) for c, v in valeur.items()))
        cle.append((cle_parametre, valeur))
    donnees, tronque = _lire(nom, tuple(cle), connexion.version_donnees())
    return donnees.copy(), tronque


@st.cache_data(show_spinner=False, max_entries=8)
def _indicateurs(version: tuple) -> list[indicateurs.Indicateur]:
    return indicateurs.lister_catalogue(connexion.catalogue())


def liste_indicateurs() -> list[indicateurs.Indicateur]:
    """The indicator views (code_commune, annee, valeur [, scenario]) of the live catalogue."""
    return _indicateurs(connexion.version_donnees())


@st.cache_data(show_spinner=False, max_entries=64)
def _donnees_indicateur(
    nom: str, niveau: str, code: str, scenario: str | None, version: tuple
) -> pd.DataFrame:
    connus = _indicateurs(version)
    return _avec_curseur(indicateurs.donnees, nom, niveau, code, scenario, indicateurs=connus)


def donnees_indicateur(
    nom: str, niveau: str, code: str, scenario: str | None = None
) -> pd.DataFrame:
    """An indicator's values for the communes of a perimeter (cached)."""
    return _donnees_indicateur(nom, niveau, code, scenario, connexion.version_donnees()).copy()


@st.cache_resource(show_spinner=False, max_entries=1, on_release=lambda bac: bac.fermer())
def _bac_a_sable(chemin: str, version: int) -> bac_a_sable.BacASable:
    # `version` (la date du fichier) rouvre le bac sur une base reconstruite ; l'ancien est fermé
    # (son processus travailleur arrêté) quand il sort du cache.
    return bac_a_sable.BacASable(chemin=Path(chemin))


def bac() -> bac_a_sable.BacASable:
    """Le bac à sable du processus, pour l'éditeur SQL libre (ses vues suivent les fichiers)."""
    chemin = chemins.chemin_base()
    return _bac_a_sable(str(chemin), chemin.stat().st_mtime_ns)
