"""Calage des fourchettes simulées par l'erreur de modèle mesurée en rétro-projection (issue 19).

Les fourchettes de ``incertitude`` ne contiennent que l'aléa simulé (taille de population, dérive
des taux). Les rétro-projections départementales (``fiabilite``) mesurent en plus une erreur de
modèle — les tendances que personne ne connaissait à l'origine : baisse de la fécondité
nationale, retournements migratoires, progrès de la mortalité aux grands âges. Ce module ajoute
cette erreur, par groupe d'âges et horizon, aux demi-largeurs simulées (variances additionnées) ;
les écarts types relatifs viennent de ``data/reference/calibrage_intervalles.csv``, écrit par
``bench/backtest_projection.py --ecrire``.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd

from .reference import DOSSIER_REFERENCE, N_AGES

FICHIER_CALIBRAGE = DOSSIER_REFERENCE / "calibrage_intervalles.csv"
Z = {"80": 1.2815515655446004, "95": 1.959963984540054}  # quantiles normaux bilatéraux


# Groupe calé qui sert à chaque âge détaillé (cellules) : les âges sans groupe propre prennent le
# groupe voisin le plus proche, les âges actifs 25-59 ans l'ensemble.
_GROUPE_DE_L_AGE = (
    ["0-4 ans"] * 5
    + ["5-9 ans"] * 5
    + ["10-14 ans"] * 8
    + ["20-24 ans"] * 12
    + ["Ensemble"] * 30
    + ["60-74 ans"] * 15
    + ["75 ans et plus"] * 10
    + ["85 ans et plus"] * 16
)
assert len(_GROUPE_DE_L_AGE) == N_AGES


def groupe_cale(a0: int, a1: int) -> str:
    """Groupe calé qui sert au groupe d'âges [a0, a1] : « Ensemble » pour 0-100, sinon celui de
    l'âge du milieu."""
    if a0 == 0 and a1 >= 100:
        return "Ensemble"
    return _GROUPE_DE_L_AGE[(a0 + min(a1, 100)) // 2]


@cache
def _lire(chemin: str) -> pd.DataFrame | None:
    p = Path(chemin)
    if not p.is_file():
        return None
    t = pd.read_csv(p, comment="#")
    attendues = {"groupe", "horizon", "sigma_80", "sigma_95"}
    if not attendues <= set(t.columns):
        raise ValueError(
            f"{p} : colonnes {sorted(attendues)} attendues, lues {sorted(t.columns)}. "
            "Régénérez-le avec « python bench/backtest_projection.py --ecrire »."
        )
    return t


def charger_calibrage(chemin: Path | str | None = None) -> pd.DataFrame | None:
    """La table des sigma (copie), ou ``None`` si le fichier manque (fourchettes non calées)."""
    t = _lire(str(chemin or FICHIER_CALIBRAGE))
    return None if t is None else t.copy()


def elargir(central, bas, haut, sigma, z):
    """Demi-largeurs combinées : ``sqrt(demi_simulée² + (z × sigma × central)²)`` de chaque côté.

    L'aléa simulé (taille de population, dérive des taux) et l'erreur de modèle (tendances que
    le modèle ne prévoit pas : fécondité nationale, retournements migratoires) sont supposés
    indépendants : leurs variances s'ajoutent. Une grande zone, à l'aléa simulé faible, est
    dominée par l'erreur de modèle ; une petite commune par l'aléa simulé.
    """
    extra = (z * sigma * np.abs(central)) ** 2
    return (
        central - np.sqrt((central - bas) ** 2 + extra),
        central + np.sqrt((haut - central) ** 2 + extra),
    )


def sigma_a_horizon(facteurs: pd.DataFrame, groupe: str, horizons, niveau: str) -> np.ndarray:
    """Sigma du groupe aux horizons donnés : linéaire par morceaux entre (0, 0) et les horizons
    calés, prolongé au-delà du dernier avec la pente moyenne (erreur relative ∝ horizon)."""
    f = facteurs[facteurs["groupe"] == groupe].sort_values("horizon")
    h = np.asarray(horizons, float)
    if f.empty:
        return np.zeros_like(h)
    hx = np.concatenate([[0.0], f["horizon"].to_numpy(float)])
    sx = np.concatenate([[0.0], f[f"sigma_{niveau}"].to_numpy(float)])
    pente = sx[-1] / hx[-1]
    return np.where(h <= hx[-1], np.interp(h, hx, sx), sx[-1] + pente * (h - hx[-1]))


def sigma_par_age(facteurs: pd.DataFrame, horizon: int, niveau: str) -> np.ndarray:
    """Sigma de chaque âge détaillé (101,) à l'horizon donné."""
    par_groupe = {
        g: float(sigma_a_horizon(facteurs, g, [horizon], niveau)[0]) for g in set(_GROUPE_DE_L_AGE)
    }
    return np.array([par_groupe[g] for g in _GROUPE_DE_L_AGE])
