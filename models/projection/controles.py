"""Contrôle croisé des totaux par une méthode indépendante (statsmodels).

La projection par composantes est comparée, pour le total du territoire et de chaque EPCI, à un
lissage exponentiel à tendance amortie (Holt amorti, ``statsmodels.tsa.holtwinters``) ajusté sur
l'historique des populations totales. Un écart important (plus de 5 % à 10 ans par défaut) ne
prouve pas une erreur mais signale une rupture entre la tendance passée et les hypothèses : c'est
un diagnostic, pas une correction. Les avertissements de statsmodels deviennent une colonne
``avertissement`` (GUIDE §4.12), pas du bruit dans la console.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd


def controle_tendance(resultat, seuil: float = 0.05, annees_ecart: int = 10) -> pd.DataFrame:
    """Compare les totaux projetés (territoire et EPCI) à une tendance Holt amortie.

    Returns:
        DataFrame : niveau, code, annee, projection, tendance, ecart_relatif, alerte, avertissement.
        Vide si l'historique compte moins de 6 années.
    """
    from statsmodels.tsa.holtwinters import ExponentialSmoothing

    mod = resultat.modele
    hist = mod.historique.merge(
        pd.DataFrame(
            {
                "code_commune": mod.codes,
                "code_epci": mod.code_epci,
                "code_territoire": mod.code_territoire,
            }
        ),
        on="code_commune",
    )
    annees_hist = np.sort(hist["annee"].unique())
    if len(annees_hist) < 6 or np.any(np.diff(annees_hist) != 1):
        return pd.DataFrame(
            columns=[
                "niveau",
                "code",
                "annee",
                "projection",
                "tendance",
                "ecart_relatif",
                "alerte",
                "avertissement",
            ]
        )
    cible = min(mod.annee_base + annees_ecart, int(resultat.annees[-1]))
    h = cible - mod.annee_base
    tot = resultat.cube[h].sum(axis=(1, 2))
    lignes = []
    for niveau, col in (("territoire", "code_territoire"), ("epci", "code_epci")):
        serie_par = hist.groupby([col, "annee"])["population"].sum()
        proj_par = pd.Series(tot).groupby(getattr(mod, col)).sum()
        for code in proj_par.index:
            y = serie_par.loc[code].sort_index().to_numpy(float)
            with warnings.catch_warnings(record=True) as w:
                warnings.simplefilter("always")
                fit = ExponentialSmoothing(y, trend="add", damped_trend=True).fit()
                tendance = float(fit.forecast(h)[-1])
            ecart = float(proj_par[code] / tendance - 1)
            lignes.append(
                {
                    "niveau": niveau,
                    "code": code,
                    "annee": cible,
                    "projection": float(proj_par[code]),
                    "tendance": tendance,
                    "ecart_relatif": ecart,
                    "alerte": abs(ecart) > seuil,
                    "avertissement": "; ".join(sorted({str(x.message)[:80] for x in w})),
                }
            )
    return pd.DataFrame(lignes)
