"""Les tableaux d'un scénario du catalogue pour un périmètre, pareils qu'il soit standard ou
enregistré : total par année, groupes d'âges, pyramide d'une année, composantes.

Un scénario standard est lu dans la base construite par ses requêtes nommées ; un scénario
enregistré est projeté sous ses hypothèses (`calcul.tableaux_entree`, le calcul de la page
Services) et rendu avec les mêmes colonnes. Les pages Population, Carte et Présentation montrent
donc l'un comme l'autre, avec les mêmes chiffres que Services.
"""

from __future__ import annotations

import pandas as pd

from vigie.analyses import scenarios
from vigie.interface import donnees
from vigie.interface.scenarios import calcul
from vigie.interface.scenarios.catalogue import Entree


def totale(entree: Entree, niveau: str, code: str, horizon: int) -> pd.DataFrame:
    """Le total par année (scenario, annee, population, bornes), comme `projection_totale`."""
    if entree.enregistre:
        t = calcul.tableaux_entree(entree, niveau, code, horizon)
        return t.totale.assign(scenario=entree.cle)[["scenario", *t.totale.columns]]
    tous = donnees.requete("projection_totale", niveau=niveau, code=code, horizon=horizon)
    return tous[tous["scenario"] == entree.cle].reset_index(drop=True)


def groupes(entree: Entree, niveau: str, code: str, horizon: int) -> pd.DataFrame:
    """Les groupes d'âges par année, comme `projection_groupes_age`."""
    if entree.enregistre:
        return calcul.tableaux_entree(entree, niveau, code, horizon).groupes
    return donnees.requete(
        "projection_groupes_age", niveau=niveau, code=code, scenario=entree.cle, horizon=horizon
    )


def pyramide(entree: Entree, niveau: str, code: str, annee: int, horizon: int) -> pd.DataFrame:
    """La population par sexe et âge d'une année projetée, comme `pyramide_projetee`."""
    if entree.enregistre:
        return calcul.tableaux_entree(entree, niveau, code, horizon).pyramide(annee)
    return donnees.requete(
        "pyramide_projetee", niveau=niveau, code=code, scenario=entree.cle, annee=annee
    )


def composantes(entree: Entree, niveau: str, code: str, horizon: int) -> pd.DataFrame:
    """Naissances, décès et migrations par année, comme `projection_composantes`."""
    if entree.enregistre:
        return calcul.tableaux_entree(entree, niveau, code, horizon).composantes
    return donnees.requete(
        "projection_composantes", niveau=niveau, code=code, scenario=entree.cle, horizon=horizon
    )


def methode_fourchettes(entree: Entree, niveau: str, code: str, horizon: int) -> str | None:
    """Comment les fourchettes d'un scénario enregistré sont faites, en mots (None : standard)."""
    if not entree.enregistre:
        return None
    calcule = calcul.resultat_entree(entree, niveau, code, horizon)
    return scenarios.INTERVALLES_TEXTE[calcule.intervalles]
