"""Mesures de précision des prévisions, calculées dans le backtest.

- MASE (*mean absolute scaled error*) : erreur absolue moyenne divisée par l'erreur absolue moyenne
  de la méthode naïve saisonnière dans l'échantillon d'apprentissage (Hyndman & Koehler 2006,
  « Another look at measures of forecast accuracy », *IJF* 22(4) ; FPP3 § 5.8). MASE < 1 : meilleur
  que la reconduction de l'an passé, en moyenne, dans l'échantillon.
- sMAPE : erreur relative symétrique en pourcentage, ``200 × |y − ŷ| / (|y| + |ŷ|)`` (0 si les deux
  sont nuls) ; facile à dire en mots (« s'est trompé de 4 % en moyenne »).
- Couverture : part des valeurs observées tombées dans l'intervalle de prévision (cible 80 % / 95 %).

Les valeurs observées manquantes (``NaN``) sont ignorées dans toutes les mesures.
"""

from __future__ import annotations

import numpy as np


def echelle_mase(apprentissage: np.ndarray, periode_saisonniere: int) -> float:
    """Dénominateur du MASE : MAE naïve saisonnière (lag ``m``) dans l'apprentissage.

    Avec ``m = 1``, ou si l'apprentissage a moins de ``m + 1`` valeurs, on prend la naïve simple.
    Renvoie ``nan`` si l'échelle est nulle (série constante) : le MASE n'est alors pas défini.
    """
    y = np.asarray(apprentissage, dtype=float)
    m = periode_saisonniere if periode_saisonniere > 1 and len(y) > periode_saisonniere else 1
    if len(y) <= m:
        return float("nan")
    d = np.abs(y[m:] - y[:-m])
    d = d[np.isfinite(d)]
    echelle = float(d.mean()) if d.size else float("nan")
    return echelle if echelle > 0 else float("nan")


def erreurs_mase(reel: np.ndarray, prevu: np.ndarray, echelle: float) -> np.ndarray:
    """Erreurs absolues mises à l'échelle, point par point (``nan`` où le réel manque)."""
    return np.abs(np.asarray(reel, float) - np.asarray(prevu, float)) / echelle


def mase(
    reel: np.ndarray, prevu: np.ndarray, apprentissage: np.ndarray, periode_saisonniere: int
) -> float:
    """MASE d'une prévision, mise à l'échelle naïve saisonnière de ``apprentissage``."""
    e = erreurs_mase(reel, prevu, echelle_mase(apprentissage, periode_saisonniere))
    return float(np.nanmean(e)) if np.isfinite(e).any() else float("nan")


def termes_smape(reel: np.ndarray, prevu: np.ndarray) -> np.ndarray:
    """Termes du sMAPE en %, point par point : ``200 |y − ŷ| / (|y| + |ŷ|)``, 0 si ``y = ŷ = 0``."""
    y = np.asarray(reel, float)
    f = np.asarray(prevu, float)
    den = np.abs(y) + np.abs(f)
    with np.errstate(invalid="ignore", divide="ignore"):
        t = np.where(den > 0, 200.0 * np.abs(y - f) / den, 0.0)
    return np.where(np.isnan(y), np.nan, t)


def smape(reel: np.ndarray, prevu: np.ndarray) -> float:
    """sMAPE moyen en % (0 à 200)."""
    t = termes_smape(reel, prevu)
    return float(np.nanmean(t)) if np.isfinite(t).any() else float("nan")


def dans_intervalle(reel: np.ndarray, bas: np.ndarray, haut: np.ndarray) -> np.ndarray:
    """1.0 si le réel est dans ``[bas, haut]``, 0.0 sinon, ``nan`` si le réel manque."""
    y = np.asarray(reel, float)
    dedans = (y >= np.asarray(bas, float)) & (y <= np.asarray(haut, float))
    return np.where(np.isnan(y), np.nan, dedans.astype(float))


def couverture(reel: np.ndarray, bas: np.ndarray, haut: np.ndarray) -> float:
    """Part des valeurs observées dans l'intervalle (0 à 1)."""
    d = dans_intervalle(reel, bas, haut)
    return float(np.nanmean(d)) if np.isfinite(d).any() else float("nan")
