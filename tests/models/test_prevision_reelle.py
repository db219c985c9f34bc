"""Précision sur une série réelle : naissances mensuelles de France métropolitaine (INSEE).

Le fichier est lu tel que publié (BDM INSEE : « ; », champs entre guillemets, 3 lignes
d'en-tête, mois les plus récents d'abord, codes A/P). Le test saute sans ``../shared/data``.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
import pytest

from models.prevision import prevoir_serie

NOM = "naissances_mensuelles_france_metro_000436391_1946-2018.csv"


@pytest.fixture
def fichier(donnees_partagees: Path) -> Path:
    return donnees_partagees / "births_deaths" / NOM


def lire_serie_bdm(chemin: Path) -> pd.Series:
    """Lit une série mensuelle exportée de la BDM de l'INSEE, en ordre chronologique ('MS')."""
    with chemin.open(encoding="utf-8", newline="") as f:
        lignes = list(csv.reader(f, delimiter=";", quotechar='"'))
    donnees = {}
    for periode, valeur, *_ in lignes[3:]:
        donnees[pd.Timestamp(f"{periode}-01")] = float(valeur)
    return pd.Series(donnees, name="naissances").sort_index().asfreq("MS")


def test_naissances_lues_telles_que_publiees(fichier):
    y = lire_serie_bdm(fichier)
    assert len(y) == 876 and y.index.min() == pd.Timestamp("1946-01-01")
    assert y.loc["2017-12-01"] == 60841 and y.loc["1946-01-01"] == 64599
    assert y.notna().all()


def test_naissances_modele_retenu_au_moins_aussi_bon_que_naive_saisonniere(fichier):
    # 15 dernières années (2004-2018) : l'horizon d'un usage de service ; sélection à 36 mois.
    y = lire_serie_bdm(fichier).loc["2004-01-01":]
    res = prevoir_serie(y, 36)
    b = res.backtest[res.backtest.horizon == 36].set_index("modele")
    assert res.horizon_backtest == 36
    assert b.loc[res.modele, "mase"] <= b.loc["naive_saisonniere", "mase"] * 1.02
    assert 0.5 <= b.loc[res.modele, "couverture_80"] <= 1.0
