"""Fixtures des tests de modèles : territoire synthétique seedé (contrat d'entrée de la projection)
et séries d'usage synthétiques (graine fixée) pour les prévisions."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from models.projection import DonneesProjection, charger_reference, estimer_modele
from models.projection.synthetique import territoire_synthetique


@pytest.fixture(scope="session")
def reference():
    return charger_reference()


@pytest.fixture(scope="session")
def donnees(reference):
    return DonneesProjection(
        **territoire_synthetique(
            24, annees=(2011, 2021), taille_epci=8, graine=3, reference=reference
        )
    )


@pytest.fixture(scope="session")
def modele(donnees, reference):
    return estimer_modele(donnees, reference)


def serie_saisonniere(
    n: int = 144,
    debut: str = "2014-01-01",
    niveau: float = 500.0,
    pente: float = 1.5,
    amplitude: float = 120.0,
    bruit: float = 15.0,
    graine: int = 0,
) -> pd.Series:
    """Série mensuelle de comptages : tendance + saison + bruit gaussien, arrondie et positive."""
    rng = np.random.default_rng(graine)
    t = np.arange(n)
    v = niveau + pente * t + amplitude * np.sin(2 * np.pi * t / 12) + rng.normal(0, bruit, n)
    index = pd.date_range(debut, periods=n, freq="MS")
    return pd.Series(np.round(np.clip(v, 0, None)), index=index, name="entrees")


@pytest.fixture
def serie():
    return serie_saisonniere()
