"""Accès en cache pour la page Données : les objets du catalogue, un objet lu avec des filtres, les
indicateurs tirés des vues et le bac à sable SQL du processus.

Chaque clé de cache contient `connexion.version_donnees()`, qui change quand la base est
reconstruite ou qu'un fichier de vue est ajouté, modifié ou supprimé : une nouvelle vue apparaît à
la réexécution suivante.
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
    """Les vues actives puis les tables, comme la page Données les liste."""
    return _objets(connexion.version_donnees())


def erreurs_vues() -> list[str]:
    """Les fichiers de vue qui n'ont pas pu être appliqués, chacun avec son fichier, sa ligne et sa
    colonne."""
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
    """`explorateur.lire` en cache ; les listes et dictionnaires des filtres sont rendus hachables
    ici."""
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
    """Les vues d'indicateurs (code_commune, annee, valeur [, scenario]) du catalogue actif."""
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
    """Les valeurs d'un indicateur pour les communes d'un périmètre (en cache)."""
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
