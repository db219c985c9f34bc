"""Les choix d'un indicateur de la page Carte : l'année de recensement, la période, le service,
l'année projetée, le scénario (standard ou enregistré, du catalogue commun) ou l'année et le
scénario d'une vue d'analyste — seulement ceux que l'indicateur demande, côte à côte."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from vigie import textes
from vigie.analyses import indicateurs_carte as ic
from vigie.interface import donnees
from vigie.interface import scenarios as catalogue_scenarios
from vigie.interface.scenarios.catalogue import Entree


@dataclass(frozen=True)
class Choix:
    """Ce que l'utilisateur a choisi : les valeurs par nom de choix (`ic.parametres_requete` les
    lit), le scénario (None si l'indicateur n'en demande pas) et la dernière année projetée."""

    valeurs: dict
    entree: Entree | None
    derniere_annee: int | None

    @property
    def libelle_scenario(self) -> str | None:
        return self.entree.libelle if self.entree is not None else None


def choisir(indicateur, services: pd.DataFrame, horizon: int) -> Choix:
    """Les menus de l'indicateur ; la page s'arrête (avec un message) sans projection."""
    annees = donnees.requete("annees_recensement")["annee"].astype(int).tolist()
    scenarios = donnees.requete("projection_scenarios")
    requis = ic.choix_requis(indicateur)
    choix: dict = {}
    colonnes = st.columns(4)
    rang = 0
    if "annee" in requis:
        choix["annee"] = colonnes[rang].selectbox(
            "Année de recensement", annees[::-1], key="carte_annee"
        )
        rang += 1
    if "periode" in requis:
        fin = annees[-1]
        debut = fin - 5 if fin - 5 in annees else annees[0]
        choix["periode"] = colonnes[rang].select_slider(
            "Entre les recensements de", options=annees, value=(debut, fin), key="carte_periode"
        )
        rang += 1
    if "service" in requis:
        libelles_services = dict(zip(services["service"], services["indicateur"], strict=True))
        choix["service"] = colonnes[rang].selectbox(
            "Service",
            list(libelles_services),
            format_func=textes.libelle_service,
            key="carte_service",
            help="Services dont le ratio de demande et la capacité des équipements ont la même unité.",
        )
        rang += 1
    if "annee_projection" in requis:
        if scenarios.empty:
            st.warning(
                "Aucune projection dans la base : lancez « python -m vigie build » pour les calculer."
            )
            st.stop()
        premiere = int(scenarios["premiere_annee"].min())
        derniere = int(scenarios["derniere_annee"].max())
        st.session_state.setdefault("carte_annee_projection", min(max(horizon, premiere), derniere))
        choix["annee_projection"] = colonnes[rang].slider(
            "Année projetée", premiere, derniere, key="carte_annee_projection"
        )
        rang += 1
    entree = None
    if "scenario" in requis:
        entree = catalogue_scenarios.choisir("carte_scenario", "Scénario", conteneur=colonnes[rang])
        choix["scenario"] = entree.cle
        rang += 1
    if "annee_donnee" in requis:
        choix["annee_donnee"] = colonnes[rang].selectbox(
            "Année", list(indicateur.annees)[::-1], key="carte_annee_donnee"
        )
        rang += 1
    if "scenario_donnee" in requis:
        choix["scenario_donnee"] = colonnes[rang].selectbox(
            "Scénario",
            list(indicateur.scenarios),
            key="carte_scen_donnee",
        )
        rang += 1
    derniere = int(scenarios["derniere_annee"].max()) if not scenarios.empty else None
    return Choix(choix, entree, derniere)
