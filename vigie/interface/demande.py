"""Le besoin face à la capacité, pour les pages : en cache par périmètre, scénario et horizon.

La clé de cache comprend la version de la base construite et celle de la base de l'utilisateur :
une reconstruction ou un ratio modifié apparaît donc à la réexécution suivante.
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
    """Besoin, capacité et premières années de déficit de chaque service du périmètre."""
    return _bilan(
        niveau,
        code,
        scenario,
        int(horizon),
        connexion.version_donnees(),
        base_utilisateur.version(),
    )
