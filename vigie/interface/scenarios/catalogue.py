"""Le catalogue des scénarios et le menu qui en choisit un, le même sur chaque page.

Une seule liste : les scénarios standard calculés à la construction (le central d'abord) puis les
scénarios enregistrés par l'utilisateur sur la page Scénarios (hors corbeille), lus par une seule
requête (`sql/queries/scenarios_catalogue.sql`) dans un ordre fixe. Population, Carte, Services,
Exporter, Présentation et Scénarios y prennent leurs choix : un scénario enregistré est proposé
partout, et un lien `?scenario=<code ou n°>` l'ouvre sur chacune.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from models.projection import Scenario
from models.scenarios import HypothesesScenario
from vigie import chemins
from vigie.analyses import scenarios
from vigie.interface import connexion
from vigie.stockage import base_utilisateur


@dataclass(frozen=True)
class Entree:
    """Un scénario qu'on peut ouvrir, prendre pour départ ou comparer : standard ou enregistré."""

    cle: str  # "central", le code d'un scénario standard, ou le n° d'un scénario enregistré
    libelle: str
    hypotheses: HypothesesScenario
    enregistre: bool
    description: str = ""
    auteur: str = ""
    version: int | None = None
    modifie_le: pd.Timestamp | None = None
    calcule: bool = True  # False : le central de repli d'une base sans projection

    @property
    def libelle_choix(self) -> str:
        """Le libellé d'un menu : un scénario enregistré dit son numéro et sa version."""
        if not self.enregistre:
            return self.libelle
        return f"{self.libelle} (n° {self.cle}, version {self.version})"


def _hypotheses(ligne) -> HypothesesScenario:
    """Les hypothèses d'une ligne du catalogue : un scénario standard n'a que sa démographie."""
    if ligne.enregistre:
        return HypothesesScenario.from_json(ligne.parametres)
    return HypothesesScenario(demographie=Scenario.from_json(ligne.parametres))


@st.cache_data(show_spinner=False, max_entries=16)
def _catalogue(version: tuple, version_utilisateur: int) -> dict[str, Entree]:
    lignes = base_utilisateur.lire_avec_base("scenarios_catalogue", chemins.chemin_base())
    entrees: dict[str, Entree] = {}
    for ligne in lignes.itertuples():
        try:
            hypotheses = _hypotheses(ligne)
        except (ValueError, TypeError):
            continue  # un scénario écrit par une version ultérieure de Vigie : pas montré
        entrees[str(ligne.cle)] = Entree(
            cle=str(ligne.cle),
            libelle=str(ligne.libelle),
            hypotheses=hypotheses,
            enregistre=bool(ligne.enregistre),
            description=str(ligne.description),
            auteur=str(ligne.auteur),
            version=None if pd.isna(ligne.version) else int(ligne.version),
            modifie_le=None if pd.isna(ligne.modifie_le) else ligne.modifie_le,
        )
    if scenarios.CENTRAL not in entrees:
        # Une base sans projection : le central reste le point de départ de la page Scénarios.
        central = Entree(
            scenarios.CENTRAL, "Scénario central", HypothesesScenario(), False, calcule=False
        )
        entrees = {scenarios.CENTRAL: central, **entrees}
    return entrees


def catalogue() -> dict[str, Entree]:
    """Tous les scénarios, dans l'ordre des menus : le central, les autres standard dans l'ordre de
    leur calcul, puis les enregistrés du plus récent au plus ancien (n° décroissant)."""
    return _catalogue(connexion.version_donnees(), base_utilisateur.version())


def choisir(
    cle: str,
    libelle: str = "Scénario de population",
    aide: str | None = None,
    conteneur=st,
    exclus: tuple[str, ...] = (),
    lien: bool = True,
) -> Entree | None:
    """Le menu des scénarios du catalogue (clé de widget `cle`), et l'entrée choisie ; None
    quand la base n'a aucune projection (la page le dit et s'arrête).

    Au premier passage, un lien `?scenario=<code ou n°>` choisit le scénario (sauf `lien=False`) ; un scénario choisi
    puis mis à la corbeille est remplacé par le central. `exclus` retire des codes du menu (le
    scénario déjà affiché, pour « Comparer avec »).
    """
    entrees = catalogue()
    if not any(e.calcule and not e.enregistre for e in entrees.values()):
        return None
    codes = [c for c in entrees if c not in exclus]
    etat = st.session_state
    demande = st.query_params.get("scenario")
    if lien and cle not in etat and demande in codes:
        etat[cle] = demande
    if cle in etat and etat[cle] not in codes:
        del etat[cle]
    choix = conteneur.selectbox(
        libelle,
        codes,
        format_func=lambda c: entrees[c].libelle_choix,
        key=cle,
        help=aide,
    )
    return entrees[choix]
