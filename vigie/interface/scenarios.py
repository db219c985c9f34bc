"""Scenarios for the pages: the projection model once per process, results cached per hypotheses.

The model (local rates estimated from the census and vital records, ~0.4 s) is built once per
process and database version (`st.cache_resource`); a scenario's results are cached by the JSON
of its hypotheses, the perimeter and the horizon, so that going back to an earlier value is
instant and a new value costs one projection (~10 ms) plus the demand (~0.1 s). Simulated
intervals for a user's scenario take seconds: computed only on demand, and cached.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from models.projection import Scenario
from models.projection.projection import ResultatProjection
from models.scenarios import HypothesesScenario
from vigie.alimentation import projections
from vigie.analyses import scenarios
from vigie.interface import connexion, donnees
from vigie.reglages import ratios_utilisateur, scenarios_utilisateur
from vigie.stockage import base_utilisateur


@st.cache_resource(show_spinner="Estimation du modèle de projection…", max_entries=2)
def _modele(version: tuple):
    curseur = connexion.catalogue().curseur()
    try:
        return projections.modele_depuis_base(curseur)
    finally:
        curseur.close()


def modele():
    """The projection model estimated on the current database (once per process and version)."""
    return _modele(connexion.version_donnees())


@st.cache_data(show_spinner=False, max_entries=64)
def _perimetre(
    niveau: str, code: str, version: tuple, version_utilisateur: int
) -> scenarios.Perimetre:
    communes = donnees.requete("communes_du_perimetre", niveau=niveau, code=code)
    perimetres = donnees.requete("perimetres")
    nom = perimetres.loc[
        (perimetres["niveau"] == niveau) & (perimetres["code_perimetre"] == code), "nom_perimetre"
    ]
    reglages = ratios_utilisateur.lire(niveau, code)
    return scenarios.Perimetre(
        niveau=niveau,
        code=code,
        nom=str(nom.iloc[0]) if len(nom) else code,
        communes=dict(zip(communes["code_commune"], communes["nom_commune"], strict=True)),
        defauts=donnees.requete("ratios_demande"),
        modifications=reglages.modifications,
        methodes=reglages.methodes,
        equipements=donnees.requete("equipements", niveau=niveau, code=code),
        intervalles_central=donnees.requete(
            "demande_intervalles", niveau=niveau, code=code, scenario=scenarios.CENTRAL
        ),
    )


def perimetre(niveau: str, code: str) -> scenarios.Perimetre:
    """A perimeter's data for the scenarios (communes, ratios, facilities, central bounds)."""
    return _perimetre(niveau, code, connexion.version_donnees(), base_utilisateur.version())


@st.cache_resource(show_spinner=False, max_entries=8)
def _simulation(hypotheses_json: str, horizon: int, version: tuple) -> ResultatProjection:
    hypotheses = HypothesesScenario.from_json(hypotheses_json)
    return scenarios.projeter_scenario(modele(), hypotheses, horizon, intervalles=True)


@st.cache_data(show_spinner=False, max_entries=256)
def _resultat(
    hypotheses_json: str,
    cle: str,
    libelle: str,
    niveau: str,
    code: str,
    horizon: int,
    simuler: bool,
    version: tuple,
    version_utilisateur: int,
) -> scenarios.ResultatScenario:
    hypotheses = HypothesesScenario.from_json(hypotheses_json)
    projection = _simulation(hypotheses_json, horizon, version) if simuler else None
    return scenarios.calculer(
        modele(),
        hypotheses,
        perimetre(niveau, code),
        horizon,
        cle=cle,
        libelle=libelle,
        resultat=projection,
    )


def resultat(
    hypotheses: HypothesesScenario,
    cle: str,
    libelle: str,
    niveau: str,
    code: str,
    horizon: int,
    simuler: bool = False,
) -> scenarios.ResultatScenario:
    """A scenario computed on a perimeter (cached). `simuler`: with simulated intervals (slow
    the first time) instead of the central scenario's relative width.

    Raises:
        ErreurScenario: an impossible hypothesis.
    """
    return _resultat(
        hypotheses.to_json(),
        str(cle),
        libelle,
        niveau,
        code,
        int(horizon),
        bool(simuler) and not hypotheses.est_central,
        connexion.version_donnees(),
        base_utilisateur.version(),
    )


@dataclass(frozen=True)
class Entree:
    """A scenario one can open, start from or compare: standard or saved."""

    cle: str  # "central", a standard code, or a saved scenario's id as text
    libelle: str
    hypotheses: HypothesesScenario
    enregistre: bool
    description: str = ""
    auteur: str = ""
    version: int | None = None
    modifie_le: pd.Timestamp | None = None


@st.cache_data(show_spinner=False, max_entries=16)
def _catalogue(version: tuple, version_utilisateur: int) -> dict[str, Entree]:
    entrees: dict[str, Entree] = {}
    standard = donnees.requete("projection_scenarios")
    for ligne in standard.itertuples():
        demographie = Scenario.from_json(ligne.parametres)
        entrees[str(ligne.scenario)] = Entree(
            cle=str(ligne.scenario),
            libelle=str(ligne.libelle),
            hypotheses=HypothesesScenario(demographie=demographie),
            enregistre=False,
            description="Scénario standard calculé à la construction de la base.",
        )
    if scenarios.CENTRAL not in entrees:
        entrees = {scenarios.CENTRAL: Entree(scenarios.CENTRAL, "Scénario central",
                                             HypothesesScenario(), False), **entrees}  # fmt: skip
    for ligne in scenarios_utilisateur.lister().itertuples():
        try:
            hypotheses = HypothesesScenario.from_json(ligne.parametres)
        except (ValueError, TypeError):
            continue  # a scenario written by a later version of Vigie: not shown
        entrees[str(ligne.id_scenario)] = Entree(
            cle=str(ligne.id_scenario),
            libelle=str(ligne.nom),
            hypotheses=hypotheses,
            enregistre=True,
            description=str(ligne.description),
            auteur=str(ligne.auteur),
            version=int(ligne.version_courante),
            modifie_le=ligne.modifie_le,
        )
    return entrees


def catalogue() -> dict[str, Entree]:
    """Every scenario: the standard ones (central first), then the saved ones (latest first)."""
    return _catalogue(connexion.version_donnees(), base_utilisateur.version())


def resultat_entree(
    entree: Entree, niveau: str, code: str, horizon: int, simuler: bool = False
) -> scenarios.ResultatScenario:
    """The results of a catalogue entry on a perimeter."""
    return resultat(entree.hypotheses, entree.cle, entree.libelle, niveau, code, horizon, simuler)
