"""Générateurs de séries d'usage synthétiques (graine fixée) pour les tests de prévision."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest


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
