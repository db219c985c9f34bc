"""Demand against capacity for the pages: cached per perimeter, scenario and horizon.

The cache key includes the version of the built database and of the user's database, so a
rebuild or a changed ratio shows at the next rerun.
"""

from __future__ import annotations

import streamlit as st

from vigie.analyses import services
from vigie.interface import connexion, donnees
from vigie.reglages import ratios_utilisateur
from vigie.stockage import base_utilisateur


@st.cache_data(show_spinner=False, max_entries=256)
def _bilan(
    niveau: str, code: str, scenario: str, horizon: int, version: tuple, version_utilisateur: int
) -> services.Bilan:
    reglages = ratios_utilisateur.lire(niveau, code)
    return services.calculer_bilan(
        population=donnees.requete(
            "demande_population", niveau=niveau, code=code, scenario=scenario
        ),
        intervalles=donnees.requete(
            "demande_intervalles", niveau=niveau, code=code, scenario=scenario
        ),
        defauts=donnees.requete("ratios_demande"),
        equipements=donnees.requete("equipements", niveau=niveau, code=code),
        horizon=horizon,
        scenario=scenario,
        modifications=reglages.modifications,
        methodes=reglages.methodes,
    )


def bilan(niveau: str, code: str, scenario: str, horizon: int) -> services.Bilan:
    """Demand, capacity and first deficit years of every service of the perimeter."""
    return _bilan(
        niveau,
        code,
        scenario,
        int(horizon),
        connexion.version_donnees(),
        base_utilisateur.version(),
    )
