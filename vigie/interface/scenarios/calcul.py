"""Le calcul des scénarios pour les pages : le modèle de projection une fois par processus, la
projection et les résultats d'un scénario en cache par jeu d'hypothèses.

Le modèle (taux locaux estimés sur le recensement et l'état civil, ~0,4 s) est estimé une fois par
processus et version de la base (`st.cache_resource`) ; les résultats d'un scénario sont gardés
sous le JSON de ses hypothèses, le périmètre et l'horizon : revenir à une valeur déjà vue est
immédiat, une nouvelle valeur coûte une projection (~10 ms) et la demande (~0,1 s). Les
fourchettes simulées d'un scénario de l'utilisateur prennent quelques secondes : calculées
seulement à la demande, puis gardées.
"""

from __future__ import annotations

import streamlit as st

from models.projection.projection import ResultatProjection
from models.scenarios import HypothesesScenario
from vigie.alimentation import projections
from vigie.analyses import scenario_perimetre, scenarios, services
from vigie.interface import connexion, demande, donnees
from vigie.interface.scenarios.catalogue import Entree
from vigie.reglages import ratios_utilisateur
from vigie.stockage import base_utilisateur


@st.cache_resource(show_spinner="Estimation du modèle de projection…", max_entries=2)
def _modeles(version: tuple):
    curseur = connexion.catalogue().curseur()
    try:
        return projections.modeles_depuis_base(curseur)
    finally:
        curseur.close()


def _rang(niveau: str | None, code: str | None, version: tuple) -> int:
    """Le modèle (groupe de communes observées les mêmes années) qui tient le périmètre."""
    modeles = _modeles(version)
    if niveau is None or code is None or len(modeles) == 1:
        return 0
    communes = set(perimetre(niveau, code).communes)
    for rang, m in enumerate(modeles):
        if communes & set(m.codes.astype(str)):
            return rang
    return 0


def modele(niveau: str | None = None, code: str | None = None):
    """Le modèle de projection estimé sur la base actuelle (une fois par processus et version) :
    celui des communes du périmètre quand la base contient des communes observées des années
    différentes (la démo et un Pays réel), sinon le seul."""
    version = connexion.version_donnees()
    return _modeles(version)[_rang(niveau, code, version)]


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
    """Les données d'un périmètre pour les scénarios (communes, ratios, équipements, bornes du
    scénario central)."""
    return _perimetre(niveau, code, connexion.version_donnees(), base_utilisateur.version())


@st.cache_resource(show_spinner=False, max_entries=32)
def _projection(
    hypotheses_json: str, horizon: int, version: tuple, rang: int = 0
) -> ResultatProjection:
    # Le chemin central des hypothèses (~10 ms), gardé pour en tirer les tableaux du périmètre
    # (pyramide, composantes) sans le refaire.
    hypotheses = HypothesesScenario.from_json(hypotheses_json)
    return scenarios.projeter_scenario(_modeles(version)[rang], hypotheses, horizon)


@st.cache_resource(show_spinner=False, max_entries=8)
def _simulation(
    hypotheses_json: str, horizon: int, version: tuple, rang: int = 0
) -> ResultatProjection:
    hypotheses = HypothesesScenario.from_json(hypotheses_json)
    return scenarios.projeter_scenario(
        _modeles(version)[rang], hypotheses, horizon, intervalles=True
    )


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
    rang = _rang(niveau, code, version)
    projection = (
        _simulation(hypotheses_json, horizon, version, rang)
        if simuler
        else _projection(hypotheses_json, horizon, version, rang)
    )
    return scenarios.calculer(
        _modeles(version)[rang],
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
    """Un scénario calculé sur un périmètre (en cache). `simuler` : avec des intervalles simulés
    (lents la première fois) au lieu de la largeur relative du scénario central.

    Raises:
        ErreurScenario: une hypothèse impossible.
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


def resultat_entree(
    entree: Entree, niveau: str, code: str, horizon: int, simuler: bool = False
) -> scenarios.ResultatScenario:
    """Les résultats d'une entrée du catalogue sur un périmètre."""
    return resultat(entree.hypotheses, entree.cle, entree.libelle, niveau, code, horizon, simuler)


def tableaux_entree(
    entree: Entree, niveau: str, code: str, horizon: int
) -> scenario_perimetre.TableauxPerimetre:
    """Les tableaux d'un scénario du catalogue sur un périmètre, dans la forme des requêtes de la
    base (total, groupes d'âges, pyramides, composantes) : ceux d'un scénario enregistré sont
    calculés sous ses hypothèses, comme sur la page Services (mêmes résultats en cache)."""
    calcule = resultat_entree(entree, niveau, code, horizon)
    version = connexion.version_donnees()
    projection = _projection(
        entree.hypotheses.to_json(), int(horizon), version, _rang(niveau, code, version)
    )
    return scenario_perimetre.tableaux(
        calcule, projection, perimetre(niveau, code).communes, int(horizon)
    )


def bilan_entree(entree: Entree, niveau: str, code: str, horizon: int) -> services.Bilan:
    """Besoins et capacités d'un scénario du catalogue : lus dans la base pour un scénario
    standard, recalculés sous ses hypothèses (logements, taux, ouvertures et fermetures) pour un
    scénario enregistré — les mêmes chiffres sur chaque page qui le montre."""
    if entree.enregistre:
        return resultat_entree(entree, niveau, code, horizon).bilan
    return demande.bilan(niveau, code, entree.cle, horizon)


def projection_entree(
    entree: Entree, horizon: int, niveau: str | None = None, code: str | None = None
) -> ResultatProjection:
    """La projection (chemin central, toutes les communes du modèle du périmètre) d'un scénario
    du catalogue jusqu'à l'horizon, en cache par jeu d'hypothèses."""
    version = connexion.version_donnees()
    return _projection(
        entree.hypotheses.to_json(), int(horizon), version, _rang(niveau, code, version)
    )
