"""Les candidats de prévision, tous appelés selon le contrat ``f(y, horizon, **kw) -> DataFrame``.

``y`` est une série régulière sans valeur manquante (la préparation a déjà interpolé les trous et,
pour les modèles sans terme d'intervention, corrigé la fenêtre Covid). Options communes reçues en
mots-clés (un candidat ignore celles qui ne le concernent pas) :

- ``seasonal_period`` (int, 12 pour une série mensuelle, 1 pour une série annuelle) ;
- ``exog_past`` / ``exog_future`` (DataFrame alignés sur ``y`` et sur les périodes futures) : variables
  explicatives (population projetée, indicatrice Covid), utilisées par SARIMAX et UC seulement ;
- ``maxiter`` (itérations d'optimisation, petites pour la vitesse) et ``graine`` (simulations ETS).

Une composante saisonnière n'est estimée que si la série couvre au moins deux saisons complètes.

Références :

- Hyndman, R. J. & Athanasopoulos, G. (2021), *Forecasting: principles and practice*, 3e éd. (FPP3),
  OTexts : méthodes de référence et leurs intervalles (§ 5.2 et 5.5), ETS (chap. 8), ARIMA (chap. 9).
- Assimakopoulos, V. & Nikolopoulos, K. (2000), « The theta model: a decomposition approach to
  forecasting », *International Journal of Forecasting* 16(4), 521-530 ; Hyndman & Billah (2003).
- Harvey, A. C. (1989), *Forecasting, structural time series models and the Kalman filter*, Cambridge
  University Press (modèles à composantes inobservées).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from statsmodels.tsa.exponential_smoothing.ets import ETSModel
from statsmodels.tsa.forecasting.theta import ThetaModel
from statsmodels.tsa.statespace.sarimax import SARIMAX
from statsmodels.tsa.statespace.structural import UnobservedComponents

from .contrat import cadre_normal, cadre_prevision, frequence_serie, index_futur

#: Itérations d'optimisation par défaut des modèles espace d'états (SARIMAX, UC) : les séries
#: d'usage sont courtes (≈ 144 mois) ; 100 suffit à converger sur les séries de démonstration.
MAXITER = 100
#: ETS (L-BFGS sur ~17 paramètres avec saison) a besoin de plus d'itérations, chacune peu coûteuse.
MAXITER_ETS = 400
#: Trajectoires simulées pour les intervalles ETS à erreur multiplicative (pas de formule exacte).
REPETITIONS_ETS = 300


def _saisonnier(y: pd.Series, m: int) -> bool:
    """Une saison n'est estimée qu'avec au moins deux saisons complètes (FPP3, § 8.3)."""
    return m > 1 and len(y) >= 2 * m


def _futur(y: pd.Series, horizon: int) -> pd.DatetimeIndex:
    return index_futur(y, horizon, frequence_serie(y))


def _sigma(residus: np.ndarray) -> float:
    """Écart-type des résidus de la méthode de référence (moyenne des carrés, FPP3 § 5.5)."""
    residus = residus[np.isfinite(residus)]
    if residus.size == 0:
        return 0.0
    return float(np.sqrt(np.mean(residus**2)))


def naive(y: pd.Series, horizon: int, **_kw) -> pd.DataFrame:
    """Référence naïve : reconduction de la dernière valeur observée.

    Intervalle (FPP3, tableau 5.2) : ``σ̂ √h``, ``σ̂`` estimé sur les résidus ``y_t − y_{t−1}``.
    """
    v = y.to_numpy(dtype=float)
    sigma = _sigma(np.diff(v))
    h = np.arange(1, horizon + 1)
    return cadre_normal(_futur(y, horizon), np.full(horizon, v[-1]), sigma * np.sqrt(h))


def naive_saisonniere(
    y: pd.Series, horizon: int, *, seasonal_period: int = 12, **_kw
) -> pd.DataFrame:
    """Référence naïve saisonnière : même mois de la dernière saison observée.

    Intervalle (FPP3, tableau 5.2) : ``σ̂ √(k + 1)`` avec ``k = ⌊(h − 1) / m⌋``, ``σ̂`` estimé sur les
    résidus ``y_t − y_{t−m}``. Avec ``m = 1`` c'est la méthode naïve.
    """
    m = max(int(seasonal_period), 1)
    v = y.to_numpy(dtype=float)
    if len(v) < m:
        raise ValueError(
            f"série trop courte pour la référence saisonnière ({len(v)} < {m} périodes)"
        )
    h = np.arange(1, horizon + 1)
    moyenne = v[-m:][(h - 1) % m]
    sigma = _sigma(v[m:] - v[:-m])
    return cadre_normal(_futur(y, horizon), moyenne, sigma * np.sqrt((h - 1) // m + 1))


def _ets(
    y: pd.Series, horizon: int, erreur: str, seasonal_period: int, maxiter: int, graine: int
) -> pd.DataFrame:
    m = int(seasonal_period)
    saison = _saisonnier(y, m)
    mult = erreur == "mul"
    modele = ETSModel(
        y.astype(float),
        error=erreur,
        trend="add",
        damped_trend=True,
        seasonal=("mul" if mult else "add") if saison else None,
        seasonal_periods=m if saison else None,
    )
    res = modele.fit(disp=False, maxiter=maxiter)
    n = len(y)
    pred = res.get_prediction(
        start=n,
        end=n + horizon - 1,
        simulate_repetitions=REPETITIONS_ETS,
        rng=np.random.default_rng(graine),
    )
    f80 = pred.summary_frame(alpha=0.20)
    f95 = pred.summary_frame(alpha=0.05)
    return cadre_prevision(
        _futur(y, horizon),
        f80["mean"].to_numpy(),
        f80["pi_lower"].to_numpy(),
        f80["pi_upper"].to_numpy(),
        f95["pi_lower"].to_numpy(),
        f95["pi_upper"].to_numpy(),
    )


def ets_additif(
    y: pd.Series,
    horizon: int,
    *,
    seasonal_period: int = 12,
    maxiter: int = MAXITER_ETS,
    graine: int = 0,
    **_kw,
) -> pd.DataFrame:
    """ETS(A,Ad,A) : erreur additive, tendance additive amortie, saison additive (FPP3, chap. 8).

    Ajusté par ``statsmodels.tsa.exponential_smoothing.ets.ETSModel`` ; intervalles analytiques de
    ``get_prediction``. Sans deux saisons complètes : ETS(A,Ad,N).
    """
    return _ets(y, horizon, "add", seasonal_period, maxiter, graine)


def ets_multiplicatif(
    y: pd.Series,
    horizon: int,
    *,
    seasonal_period: int = 12,
    maxiter: int = MAXITER_ETS,
    graine: int = 0,
    **_kw,
) -> pd.DataFrame:
    """ETS(M,Ad,M) : erreur et saison multiplicatives, tendance amortie (FPP3, chap. 8).

    Réservé aux séries strictement positives ; intervalles par simulation (``get_prediction`` tire
    des trajectoires, graine fixée pour la reproductibilité). Sans deux saisons : ETS(M,Ad,N).
    """
    if (y <= 0).any():
        raise ValueError("ETS multiplicatif : la série doit être strictement positive")
    return _ets(y, horizon, "mul", seasonal_period, maxiter, graine)


def _espace_etats(res, horizon: int, y: pd.Series, exog_future) -> pd.DataFrame:
    """Moyenne et intervalles d'un modèle espace d'états (``get_forecast().summary_frame``)."""
    prev = res.get_forecast(steps=horizon, exog=exog_future)
    f80 = prev.summary_frame(alpha=0.20)
    f95 = prev.summary_frame(alpha=0.05)
    return cadre_prevision(
        _futur(y, horizon),
        f80["mean"].to_numpy(),
        f80["mean_ci_lower"].to_numpy(),
        f80["mean_ci_upper"].to_numpy(),
        f95["mean_ci_lower"].to_numpy(),
        f95["mean_ci_upper"].to_numpy(),
    )


def _exog(exog_past, exog_future, horizon: int):
    if exog_past is None or getattr(exog_past, "shape", (0, 0))[1] == 0:
        return None, None
    if exog_future is None or len(exog_future) < horizon:
        raise ValueError("variables explicatives futures absentes ou trop courtes")
    return exog_past.to_numpy(dtype=float), exog_future.to_numpy(dtype=float)[:horizon]


def sarimax(
    y: pd.Series,
    horizon: int,
    *,
    seasonal_period: int = 12,
    exog_past: pd.DataFrame | None = None,
    exog_future: pd.DataFrame | None = None,
    maxiter: int = MAXITER,
    **_kw,
) -> pd.DataFrame:
    """SARIMA(1,1,1)(0,1,1)m, avec régresseurs éventuels (FPP3, chap. 9 et § 10.1).

    Ordres fixes (modèle « airline » augmenté d'un AR(1)) plutôt qu'une recherche automatique,
    pour la vitesse ; le backtest juge ensuite. Les variables explicatives (population projetée,
    indicatrice Covid) entrent comme régression à erreurs SARIMA. Sans deux saisons : ARIMA(1,1,1).
    """
    m = int(seasonal_period)
    xp, xf = _exog(exog_past, exog_future, horizon)
    saison = _saisonnier(y, m)
    modele = SARIMAX(
        y.astype(float),
        exog=xp,
        order=(1, 1, 1),
        seasonal_order=(0, 1, 1, m) if saison else (0, 0, 0, 0),
    )
    res = modele.fit(disp=False, maxiter=maxiter)
    return _espace_etats(res, horizon, y, xf)


def theta(y: pd.Series, horizon: int, *, seasonal_period: int = 12, **_kw) -> pd.DataFrame:
    """Méthode Thêta (Assimakopoulos & Nikolopoulos 2000), ``ThetaModel`` de statsmodels.

    Désaisonnalisation classique (multiplicative si possible, sinon additive) si la série a deux
    saisons et que le test d'autocorrélation saisonnière la justifie ; intervalles de
    ``prediction_intervals`` (modèle SES avec dérive de Hyndman & Billah 2003).
    """
    m = int(seasonal_period)
    saison = _saisonnier(y, m)
    modele = ThetaModel(
        y.astype(float), period=m if saison else 1, deseasonalize=saison, method="auto"
    )
    res = modele.fit()
    moyenne = res.forecast(horizon).to_numpy()
    i80 = res.prediction_intervals(horizon, alpha=0.20)
    i95 = res.prediction_intervals(horizon, alpha=0.05)
    return cadre_prevision(
        _futur(y, horizon),
        moyenne,
        i80["lower"].to_numpy(),
        i80["upper"].to_numpy(),
        i95["lower"].to_numpy(),
        i95["upper"].to_numpy(),
    )


def composantes_inobservees(
    y: pd.Series,
    horizon: int,
    *,
    seasonal_period: int = 12,
    exog_past: pd.DataFrame | None = None,
    exog_future: pd.DataFrame | None = None,
    maxiter: int = MAXITER,
    **_kw,
) -> pd.DataFrame:
    """Modèle structurel de base de Harvey (1989) : tendance linéaire locale + saison + bruit.

    ``UnobservedComponents`` de statsmodels ; saison trigonométrique à 3 harmoniques (moins d'états
    que 11 indicatrices, donc plus rapide, pour un profil mensuel lisse). Régresseurs éventuels
    (indicatrice Covid) en régression. Sans deux saisons : tendance linéaire locale seule.
    """
    m = int(seasonal_period)
    xp, xf = _exog(exog_past, exog_future, horizon)
    saison = _saisonnier(y, m)
    modele = UnobservedComponents(
        y.astype(float),
        level="local linear trend",
        freq_seasonal=[{"period": m, "harmonics": min(3, m // 2)}] if saison else None,
        exog=xp,
    )
    res = modele.fit(disp=False, maxiter=maxiter)
    return _espace_etats(res, horizon, y, xf)
