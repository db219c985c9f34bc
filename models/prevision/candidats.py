"""Les candidats de prévision, tous appelés selon le contrat ``f(y, horizon, **kw) -> DataFrame``.

``y`` est une série régulière sans valeur manquante (la préparation a déjà interpolé les trous et,
pour les modèles sans terme d'intervention, corrigé la fenêtre Covid). Options communes reçues en
mots-clés (un candidat ignore celles qui ne le concernent pas) :

- ``seasonal_period`` (int, 12 pour une série mensuelle, 1 pour une série annuelle) ;
- ``exog_past`` / ``exog_future`` (DataFrame alignés sur ``y`` et sur les périodes futures) : variables
  explicatives (population projetée, indicatrice Covid), utilisées par SARIMAX et UC seulement ;
- ``maxiter`` (itérations d'optimisation) ;
- ``memoire`` (dict, facultatif) : la mémoire d'un candidat d'une origine du backtest à l'autre
  (issue 20). Après un ajustement, le candidat y range ses paramètres (``memoire["parametres"]``) ;
  si ``memoire["reutiliser"]`` est vrai et que les paramètres conviennent au modèle, il ne refait
  pas l'estimation et filtre seulement la série avec ces paramètres (un passage de filtre de Kalman
  ou de lissage exponentiel au lieu d'une optimisation) ; sinon il estime, en partant des
  paramètres rangés (départ à chaud). ETS y garde aussi ses états initiaux heuristiques
  (``memoire["initiaux"]``), qui ne dépendent que du début de la série.

Choix de vitesse (issue 20, mesuré par ``bench/bench_prevision.py``) : sorties en tableaux numpy
(:class:`.contrat.Prevision`, le ``DataFrame`` n'est fait qu'à la fin) ; ETS avec états initiaux
heuristiques (4 paramètres de lissage à estimer au lieu de 17), optimum seul (sans objet résultat
ni hessienne), prévision depuis les états lissés et intervalles analytiques (pas de simulation) ; SARIMA « airline » à ordres fixes estimé sur la série différenciée (différenciation
simple, variance concentrée : 2 paramètres), prévision réintégrée et variance par les poids ψ ;
références naïves en numpy. Les intervalles de tous les candidats sont ensuite recalés sur les
erreurs du backtest (:mod:`.backtest`).

Une composante saisonnière n'est estimée que si la série couvre au moins deux saisons complètes.

Références :

- Hyndman, R. J. & Athanasopoulos, G. (2021), *Forecasting: principles and practice*, 3e éd. (FPP3),
  OTexts : méthodes de référence et leurs intervalles (§ 5.2 et 5.5), ETS (chap. 8, variances du
  tableau 8.8), ARIMA (chap. 9), modèle « airline » (Box & Jenkins 1970).
- Assimakopoulos, V. & Nikolopoulos, K. (2000), « The theta model: a decomposition approach to
  forecasting », *International Journal of Forecasting* 16(4), 521-530 ; Hyndman & Billah (2003).
- Harvey, A. C. (1989), *Forecasting, structural time series models and the Kalman filter*, Cambridge
  University Press (modèles à composantes inobservées).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from numpy.polynomial import polynomial as P
from scipy.optimize import minimize
from scipy.signal import lfilter
from statsmodels.tsa.arima_process import arma2ma
from statsmodels.tsa.exponential_smoothing.ets import ETSModel
from statsmodels.tsa.forecasting.theta import ThetaModel
from statsmodels.tsa.holtwinters import ExponentialSmoothing
from statsmodels.tsa.statespace.sarimax import SARIMAX
from statsmodels.tsa.statespace.structural import UnobservedComponents

from .contrat import ANNUELLE, MENSUELLE, Prevision, frequence_serie, index_futur

#: Itérations d'optimisation par défaut des modèles espace d'états (SARIMAX, UC).
MAXITER = 100
#: ETS : 4 paramètres de lissage (états initiaux heuristiques) ; L-BFGS converge en ~20 itérations.
MAXITER_ETS = 200
#: Tolérance d'arrêt de L-BFGS pour ETS (multiple de la précision machine, défaut de scipy 1e7).
FACTR_ETS = 1e11


def _saisonnier(y: pd.Series, m: int) -> bool:
    """Une saison n'est estimée qu'avec au moins deux saisons complètes (FPP3, § 8.3)."""
    return m > 1 and len(y) >= 2 * m


def _futur(y: pd.Series, horizon: int) -> pd.DatetimeIndex:
    # La fréquence portée par l'index (séries préparées) évite de revérifier toutes les dates.
    freq = y.index.freqstr if isinstance(y.index, pd.DatetimeIndex) and y.index.freq else None
    if freq not in (MENSUELLE, ANNUELLE):
        freq = frequence_serie(y)
    return index_futur(y, horizon, freq)


def _sigma(residus: np.ndarray) -> float:
    """Écart-type des résidus de la méthode de référence (moyenne des carrés, FPP3 § 5.5)."""
    residus = residus[np.isfinite(residus)]
    if residus.size == 0:
        return 0.0
    return float(np.sqrt(np.mean(residus**2)))


def _parametres(memoire: dict | None, attendus: int) -> tuple[np.ndarray | None, bool]:
    """(paramètres rangés s'ils ont la bonne taille, filtrer seulement ?) d'après ``memoire``."""
    if memoire is None:
        return None, False
    p = memoire.get("parametres")
    if p is None or len(p) != attendus:
        return None, False
    return np.asarray(p, dtype=float), bool(memoire.get("reutiliser"))


def _ranger(memoire: dict | None, parametres) -> None:
    if memoire is not None:
        memoire["parametres"] = np.asarray(parametres, dtype=float)


# --- références -------------------------------------------------------------------------------


def naive(y: pd.Series, horizon: int, **_kw) -> Prevision:
    """Référence naïve : reconduction de la dernière valeur observée.

    Intervalle (FPP3, tableau 5.2) : ``σ̂ √h``, ``σ̂`` estimé sur les résidus ``y_t − y_{t−1}``.
    """
    v = y.to_numpy(dtype=float)
    sigma = _sigma(np.diff(v))
    h = np.arange(1, horizon + 1)
    return Prevision.normale(_futur(y, horizon), np.full(horizon, v[-1]), sigma * np.sqrt(h))


def naive_saisonniere(y: pd.Series, horizon: int, *, seasonal_period: int = 12, **_kw) -> Prevision:
    """Référence naïve saisonnière : même mois de la dernière saison observée.

    Intervalle (FPP3, tableau 5.2) : ``σ̂ √(k + 1)`` avec ``k = ⌊(h − 1) / m⌋``. Pour une série
    strictement positive, ``σ̂`` est relatif (résidus ``(y_t − y_{t−m}) / y_{t−m}``) et multiplié
    par la valeur reconduite : l'intervalle d'un mois creux est étroit, celui d'un mois de pointe
    large (issue 20 : un écart-type commun donnait la même largeur à tous les mois). Avec
    ``m = 1`` c'est la méthode naïve.
    """
    m = max(int(seasonal_period), 1)
    v = y.to_numpy(dtype=float)
    if len(v) < m:
        raise ValueError(
            f"série trop courte pour la référence saisonnière ({len(v)} < {m} périodes)"
        )
    h = np.arange(1, horizon + 1)
    moyenne = v[-m:][(h - 1) % m]
    facteur = np.sqrt((h - 1) // m + 1)
    if len(v) > m and np.all(v > 0):
        sigma_relatif = _sigma((v[m:] - v[:-m]) / v[:-m])
        ecart_type = sigma_relatif * moyenne * facteur
    else:
        ecart_type = _sigma(v[m:] - v[:-m]) * facteur
    return Prevision.normale(_futur(y, horizon), moyenne, ecart_type)


# --- lissage exponentiel ----------------------------------------------------------------------


def variance_relative_ets(
    alpha: float, beta: float, gamma: float | None, phi: float, m: int, horizon: int
) -> np.ndarray:
    """Variance relative de l'erreur de prévision d'ETS(A,Ad,A) ou (A,Ad,N) aux pas 1..horizon.

    FPP3, tableau 8.8 (classe 1 de Hyndman et al. 2008) ; multipliée par la variance des résidus,
    elle donne la variance analytique de la prévision. ``gamma = None`` : sans saison.
    """
    h = np.arange(1, horizon + 1, dtype=float)
    phi = min(float(phi), 1 - 1e-8)
    v = (
        1
        + alpha**2 * (h - 1)
        + (beta * phi * h) / ((1 - phi) ** 2) * (2 * alpha * (1 - phi) + beta * phi)
        - (beta * phi * (1 - phi**h))
        / ((1 - phi) ** 2 * (1 - phi**2))
        * (2 * alpha * (1 - phi**2) + beta * phi * (1 + 2 * phi - phi**h))
    )
    if gamma is not None and m > 1:
        k = np.floor((h - 1) / m)
        v = (
            v
            + gamma * k * (2 * alpha + gamma)
            + (2 * beta * gamma * phi)
            / ((1 - phi) * (1 - phi**m))
            * (k * (1 - phi**m) - phi**m * (1 - phi ** (m * k)))
        )
    return v


def _ets(
    y: pd.Series, horizon: int, erreur: str, seasonal_period: int, maxiter: int, memoire
) -> Prevision:
    m = int(seasonal_period)
    saison = _saisonnier(y, m)
    mult = erreur == "mul"
    v = y.to_numpy(dtype=float)
    reglage = dict(
        error=erreur,
        trend="add",
        damped_trend=True,
        seasonal=("mul" if mult else "add") if saison else None,
        seasonal_periods=m if saison else None,
    )
    # États initiaux heuristiques (FPP3 § 8.6 ; statsmodels : décomposition des min(5, n // m)
    # premières saisons, ou les 10 premières valeurs sans saison), estimés avec les paramètres de
    # lissage à la plus ancienne origine du backtest ; aux origines suivantes, qui ne font que
    # filtrer avec ces paramètres, ils sont repris tels quels (mêmes premières valeurs : ≈ 1,4 ms
    # de moyenne mobile pandas évitée par origine). Un nouvel ajustement les recalcule.
    params, filtrer = _parametres(memoire, 4 if saison else 3)
    debut = min(5, len(v) // m) * m if saison else 10
    connus = memoire.get("initiaux") if memoire is not None and filtrer else None
    if connus is not None and np.array_equal(v[: len(connus["debut"])], connus["debut"]):
        modele = ETSModel(v, initialization_method="known", **connus["etats"], **reglage)
    else:
        try:
            modele = ETSModel(v, initialization_method="heuristic", **reglage)
            if memoire is not None:
                memoire["initiaux"] = {
                    "debut": v[:debut].copy(),
                    "etats": {
                        "initial_level": modele.initial_level,
                        "initial_trend": modele.initial_trend,
                        "initial_seasonal": modele.initial_seasonal,
                    },
                }
        except ValueError:  # trop peu de saisons pour l'initialisation heuristique
            modele = ETSModel(v, **reglage)
    params, filtrer = _parametres(memoire, modele.k_params)
    if not filtrer:
        # ``return_params`` : l'optimum seul, sans l'objet résultat (dont la hessienne numérique
        # coûtait autant que l'optimisation, issue 20).
        # ``factr`` : L-BFGS s'arrête quand la vraisemblance ne gagne plus qu'un relatif de
        # ~1e-5 (défaut ~1e-8) ; les prévisions ne changent pas, l'optimisation est 30 % plus
        # courte (bench/bench_prevision.py).
        params = modele.fit(
            disp=False, maxiter=maxiter, start_params=params, return_params=True, factr=FACTR_ETS
        )
        _ranger(memoire, params)
    # Un passage du lissage (Cython de statsmodels), états bruts : la prévision se calcule
    # depuis les derniers états, en numpy (FPP3 § 8.7 : ŷ = (ℓ + φ_h b) ⊕ s).
    ajustees, etats = modele.smooth(params, return_raw=True)
    ajustees, etats = np.asarray(ajustees, dtype=float), np.asarray(etats, dtype=float)
    nom = dict(zip(modele.param_names, np.asarray(params, dtype=float), strict=True))
    alpha, beta = nom["smoothing_level"], nom["smoothing_trend"]
    phi = nom.get("damping_trend", 1.0)
    h = np.arange(1, horizon + 1, dtype=float)
    moyenne = etats[-1, 0] + np.cumsum(phi**h) * etats[-1, 1]
    if saison:
        profil = etats[len(etats) - m + (np.arange(horizon) % m), 2]
        moyenne = moyenne * profil if mult else moyenne + profil
    residus = (v - ajustees) / ajustees if mult else v - ajustees
    # Variance analytique de FPP3 (tableau 8.8) ; pour l'erreur multiplicative, approximation
    # d'ordre 1 (écart-type relatif × moyenne), recalée ensuite par le backtest.
    relative = variance_relative_ets(
        alpha, beta, nom["smoothing_seasonal"] if saison else None, phi, m, horizon
    )
    ecart_type = np.sqrt(np.maximum(float(np.mean(residus**2)) * relative, 0.0))
    if mult:
        ecart_type = ecart_type * np.abs(moyenne)
    return Prevision.normale(_futur(y, horizon), moyenne, ecart_type)


def ets_additif(
    y: pd.Series,
    horizon: int,
    *,
    seasonal_period: int = 12,
    maxiter: int = MAXITER_ETS,
    memoire: dict | None = None,
    **_kw,
) -> Prevision:
    """ETS(A,Ad,A) : erreur additive, tendance additive amortie, saison additive (FPP3, chap. 8).

    ``statsmodels.tsa.exponential_smoothing.ets.ETSModel`` ; états initiaux heuristiques,
    intervalles analytiques. Sans deux saisons complètes : ETS(A,Ad,N).
    """
    return _ets(y, horizon, "add", seasonal_period, maxiter, memoire)


def ets_multiplicatif(
    y: pd.Series,
    horizon: int,
    *,
    seasonal_period: int = 12,
    maxiter: int = MAXITER_ETS,
    memoire: dict | None = None,
    **_kw,
) -> Prevision:
    """ETS(M,Ad,M) : erreur et saison multiplicatives, tendance amortie (FPP3, chap. 8).

    Réservé aux séries strictement positives ; intervalles par approximation analytique (pas de
    simulation), recalés par le backtest. Sans deux saisons : ETS(M,Ad,N).
    """
    if (y <= 0).any():
        raise ValueError("ETS multiplicatif : la série doit être strictement positive")
    return _ets(y, horizon, "mul", seasonal_period, maxiter, memoire)


# --- Thêta --------------------------------------------------------------------------------------


def theta(
    y: pd.Series,
    horizon: int,
    *,
    seasonal_period: int = 12,
    memoire: dict | None = None,
    **_kw,
) -> Prevision:
    """Méthode Thêta (Assimakopoulos & Nikolopoulos 2000) : SES avec dérive de Hyndman & Billah
    (2003), comme ``ThetaModel`` de statsmodels (thêta = 2).

    ``ThetaModel`` fait le test de saisonnalité (autocorrélation au retard ``m``) et la
    désaisonnalisation classique (multiplicative si possible, sinon additive) ; le lissage
    exponentiel simple est estimé par ``ExponentialSmoothing`` (niveau initial connu, comme
    ``ThetaModel.fit``) et son paramètre ``α`` gardé d'une origine à l'autre (``memoire``) ;
    niveau et prévision ``ŷ = ℓ_n + b0/2 (h − 1 + 1/α − (1 − α)^n / α)`` resaisonnalisée, en
    numpy. Intervalles : variance du SES, ``σ̂² (1 + α² (h − 1))`` (FPP3 tableau 8.8), ``σ̂²`` des
    erreurs à un pas sur la série désaisonnalisée. (``prediction_intervals`` de statsmodels estime
    ``σ̂²`` par un ARIMA sur la série brute, saison comprise : lent, et des intervalles bien trop
    larges, couverture de 100 % au backtest, issue 20.)
    """
    m = int(seasonal_period)
    saison = _saisonnier(y, m)
    v = y.to_numpy(dtype=float)
    modele = ThetaModel(v, period=m if saison else 1, deseasonalize=saison, method="auto")
    if saison:
        modele._test_seasonality()
    d, profil = modele._deseasonalize_data()
    d = np.asarray(d, dtype=float)
    n = len(d)
    b0 = float(np.polyfit(np.arange(n, dtype=float), d, 1)[0])
    ranges, filtrer = _parametres(memoire, 1)
    if filtrer:
        alpha = float(ranges[0])
    else:
        # Sans recherche préalable sur une grille (``use_brute``) : même α, un tiers plus vite.
        ses = ExponentialSmoothing(d, initial_level=d[0], initialization_method="known").fit(
            use_brute=False
        )
        alpha = float(ses.params["smoothing_level"])
        _ranger(memoire, [alpha])
    alpha = min(max(alpha, 1e-6), 1.0)
    # ℓ_t = α d_t + (1 − α) ℓ_{t−1}, ℓ_0 = d_0 : un filtre récursif.
    niveaux = lfilter([alpha], [1.0, alpha - 1.0], d, zi=[(1 - alpha) * d[0]])[0]
    h = np.arange(1, horizon + 1, dtype=float)
    tendance = b0 * (h - 1 + 1 / alpha - (1 - alpha) ** n / alpha)
    moyenne = niveaux[-1] + tendance / 2
    erreurs = d[1:] - (niveaux[:-1] + b0 / 2)
    sigma2 = float(np.mean(erreurs**2)) if erreurs.size else 0.0
    ecart_type = np.sqrt(sigma2 * (1 + alpha**2 * (h - 1)))
    if modele.deseasonalize and len(profil):
        saisonnier = np.asarray(profil, dtype=float)[(n + np.arange(horizon)) % m]
        if modele.method.startswith("mul"):
            moyenne, ecart_type = moyenne * saisonnier, ecart_type * saisonnier
        else:
            moyenne = moyenne + saisonnier
    return Prevision.normale(_futur(y, horizon), moyenne, ecart_type)


# --- espace d'états : SARIMA et composantes inobservées ---------------------------------------


def _exog(exog_past, exog_future, horizon: int):
    if exog_past is None or getattr(exog_past, "shape", (0, 0))[1] == 0:
        return None, None
    if exog_future is None or len(exog_future) < horizon:
        raise ValueError("variables explicatives futures absentes ou trop courtes")
    return exog_past.to_numpy(dtype=float), exog_future.to_numpy(dtype=float)[:horizon]


def _ajuster_espace_etats(modele, maxiter: int, memoire: dict | None):
    """Estime (départ à chaud si possible) ou filtre seulement un modèle espace d'états.

    Le seul endroit où SARIMAX et les composantes inobservées sont ajustés : la mémoire d'une
    origine à l'autre (voir le module) vaut pour les deux.
    """
    depart, filtrer = _parametres(memoire, len(modele.param_names))
    if filtrer:
        return modele.filter(depart)
    res = modele.fit(disp=False, maxiter=maxiter, start_params=depart)
    _ranger(memoire, res.params)
    return res


def _polynome_ma(theta: np.ndarray, m: int, saison: bool) -> np.ndarray:
    """``θ(B) Θ(B^m) = 1 + θB + ΘB^m + θΘB^(m+1)`` (``theta = (θ, Θ)``, ou ``(θ,)`` sans saison)."""
    ma = np.zeros(m + 2 if saison else 2)
    ma[0], ma[1] = 1.0, theta[0]
    if saison:
        ma[m], ma[m + 1] = theta[1], theta[0] * theta[1]
    return ma


def _css_airline(w: np.ndarray, wx: np.ndarray | None, m: int, saison: bool) -> np.ndarray:
    """Paramètres ``(β..., θ, Θ)`` du MA(1)×MA(1)m de ``w`` par somme conditionnelle des carrés.

    L'estimateur classique de Box et Jenkins : les résidus ``e = (w − xβ) / (θ(B) Θ(B^m))`` se
    calculent par un filtre récursif (``scipy.signal.lfilter``, quelques microsecondes), et la
    somme de leurs carrés se minimise en quelques millisecondes, là où le maximum de
    vraisemblance exacte refait un filtre de Kalman à chaque évaluation (issue 20 : SARIMAX
    était la moitié du temps de calcul). Le filtre de Kalman de statsmodels sert ensuite une
    seule fois, avec ces paramètres, pour la prévision.
    """
    k = 0 if wx is None else wx.shape[1]
    n_ma = 2 if saison else 1
    longueur_ma = m + 2 if saison else 2

    def critere(theta: np.ndarray) -> tuple[float, np.ndarray]:
        """Somme des carrés et son gradient exact (le filtre se dérive comme lui : trois filtres
        de plus au lieu des évaluations d'un gradient numérique)."""
        cible = w if k == 0 else w - wx @ theta[:k]
        ma = _polynome_ma(theta[k:], m, saison)
        e = lfilter([1.0], ma, cible)
        gradient = np.empty(k + n_ma)
        if k:  # ∂e/∂β = −x / ma(B)
            gradient[:k] = -2.0 * (lfilter([1.0], ma, wx, axis=0).T @ e)
        # ∂e/∂θ = −(∂ma/∂θ)(B) e / ma(B), ∂ma/∂θ = B (1 + ΘB^m), ∂ma/∂Θ = B^m (1 + θB)
        d_theta = np.zeros(longueur_ma)
        d_theta[1] = 1.0
        if saison:
            d_theta[m + 1] = theta[k + 1]
        gradient[k] = -2.0 * float(lfilter(d_theta, ma, e) @ e)
        if saison:
            d_saison = np.zeros(longueur_ma)
            d_saison[m], d_saison[m + 1] = 1.0, theta[k]
            gradient[k + 1] = -2.0 * float(lfilter(d_saison, ma, e) @ e)
        return float(e @ e), gradient

    beta0 = np.linalg.lstsq(wx, w, rcond=None)[0] if k else np.zeros(0)
    depart = np.r_[beta0, np.full(n_ma, -0.3)]
    bornes = [(None, None)] * k + [(-0.98, 0.98)] * n_ma  # inversibilité
    res = minimize(critere, depart, jac=True, method="L-BFGS-B", bounds=bornes)
    return res.x


def _differences(x: np.ndarray, m: int, saison: bool) -> np.ndarray:
    """``(1 − B)(1 − B^m) x`` (ou ``(1 − B) x`` sans saison), le long du premier axe."""
    d = np.diff(x, axis=0)
    return d[m:] - d[:-m] if saison else d


def sarimax(
    y: pd.Series,
    horizon: int,
    *,
    seasonal_period: int = 12,
    exog_past: pd.DataFrame | None = None,
    exog_future: pd.DataFrame | None = None,
    maxiter: int = MAXITER,
    memoire: dict | None = None,
    **_kw,
) -> Prevision:
    """SARIMA(0,1,1)(0,1,1)m « airline », avec régresseurs éventuels (FPP3, chap. 9 et § 10.1).

    Ordres fixes plutôt qu'une recherche automatique, pour la vitesse ; le backtest juge ensuite.
    Différenciation simple : la série ``w = (1 − B)(1 − B^m) y`` (et les régresseurs différenciés de
    même) reçoit un MA(1)×MA(1)m à variance concentrée, deux paramètres estimés par moindres carrés
    conditionnels (:func:`_css_airline`) puis passés au filtre de Kalman de ``SARIMAX`` ; la
    prévision de ``w`` est réintégrée et sa variance vient des poids ψ du modèle intégré
    (``arma2ma``). ``maxiter`` est sans effet (pas d'optimisation de la vraisemblance). Les variables
    explicatives (population projetée, indicatrice Covid) entrent comme régression à erreurs
    SARIMA. Sans deux saisons : ARIMA(0,1,1).
    """
    m = int(seasonal_period)
    xp, xf = _exog(exog_past, exog_future, horizon)
    saison = _saisonnier(y, m) and len(y) >= 2 * m + 6
    v = y.to_numpy(dtype=float)
    w = _differences(v, m, saison)
    if xp is not None:
        tout = _differences(np.vstack([xp, xf]), m, saison)
        wx, wx_futur = tout[: len(w)], tout[len(w) :]
        # Une colonne constante une fois différenciée (tendance linéaire...) n'est pas identifiable.
        garder = np.ptp(wx, axis=0) > 1e-6 * (1.0 + np.abs(xp).max(axis=0))
        wx, wx_futur = (wx[:, garder], wx_futur[:, garder]) if garder.any() else (None, None)
    else:
        wx = wx_futur = None
    modele = SARIMAX(
        w,
        exog=wx,
        order=(0, 0, 1),
        seasonal_order=(0, 0, 1, m) if saison else (0, 0, 0, 0),
        concentrate_scale=True,
    )
    parametres, filtrer = _parametres(memoire, len(modele.param_names))
    if not filtrer:
        # Estimation par moindres carrés conditionnels (rapide), puis filtre exact de statsmodels.
        parametres = _css_airline(w, wx, m, saison)
        _ranger(memoire, parametres)
    # Le filtre de Kalman seul (``return_ssm``) : ni objet résultat ni matrice de covariance des
    # paramètres (produit extérieur des scores, numérique : le tiers du coût, issue 20).
    res = modele.filter(parametres, return_ssm=True, cov_type="none")
    # Prévision de w depuis l'état prédit du filtre : f_h = Z T^(h−1) a_(n+1) (+ x_h β), en numpy
    # (get_forecast reconstruit un modèle prolongé : plusieurs millisecondes par appel).
    etat = np.asarray(res.predicted_state[:, -1], dtype=float)
    transition = np.asarray(modele["transition"]).reshape(etat.size, etat.size)
    ligne = np.asarray(modele["design"]).reshape(-1)[: etat.size]
    w_futur = np.empty(horizon)
    for k in range(horizon):
        w_futur[k] = ligne @ etat
        etat = transition @ etat
    if wx_futur is not None:
        w_futur += wx_futur @ np.asarray(parametres)[: wx_futur.shape[1]]
    # Réintégration : y_t = w_t + y_{t−1} (+ y_{t−m} − y_{t−m−1} avec saison).
    chemin = list(v)
    for k in range(horizon):
        valeur = w_futur[k] + chemin[-1]
        if saison:
            valeur += chemin[-m] - chemin[-m - 1]
        chemin.append(valeur)
    moyenne = np.asarray(chemin[len(v) :])
    ar = P.polymul([1.0, -1.0], np.r_[1.0, np.zeros(m - 1), -1.0]) if saison else [1.0, -1.0]
    ma = _polynome_ma(np.asarray(parametres)[0 if wx is None else wx.shape[1] :], m, saison)
    psi = arma2ma(np.asarray(ar), np.asarray(ma), lags=horizon)
    ecart_type = np.sqrt(float(res.scale) * np.cumsum(psi**2))
    return Prevision.normale(_futur(y, horizon), moyenne, ecart_type)


def composantes_inobservees(
    y: pd.Series,
    horizon: int,
    *,
    seasonal_period: int = 12,
    exog_past: pd.DataFrame | None = None,
    exog_future: pd.DataFrame | None = None,
    maxiter: int = MAXITER,
    memoire: dict | None = None,
    **_kw,
) -> Prevision:
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
    res = _ajuster_espace_etats(modele, maxiter, memoire)
    prev = res.get_forecast(steps=horizon, exog=xf)
    return Prevision.normale(
        _futur(y, horizon),
        np.asarray(prev.predicted_mean, dtype=float),
        np.sqrt(np.asarray(prev.var_pred_mean, dtype=float)),
    )
