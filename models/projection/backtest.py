"""Rétro-projection (backtest) : projeter depuis une année passée avec les seules données connues à
cette date, comparer aux populations observées ensuite, mesurer l'erreur par groupe d'âges, horizon
et taille de commune, et la couverture des intervalles 80 % / 95 % (calage).

Une couverture observée proche de 80 % et 95 % signifie des intervalles bien calibrés ; plus basse,
des intervalles trop étroits (à élargir via ``ParametresIncertitude``).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from .entrees import DonneesProjection
from .groupes import GROUPES_PROJECTION
from .projection import projeter
from .reference import ReferenceNationale
from .scenario import Scenario
from .taux import ParametresEstimation, estimer_modele

CLASSES_TAILLE = [0, 500, 2_000, 10_000, np.inf]
LIBELLES_TAILLE = ["moins de 500", "500 à 1 999", "2 000 à 9 999", "10 000 et plus"]


@dataclass
class ResultatBacktest:
    """``detail`` : une ligne par niveau, code, année cible, groupe d'âges (projeté, observé, bornes) ;
    ``erreurs`` : MAPE, biais médian et couvertures par horizon, niveau, groupe et classe de taille ;
    ``couverture`` : couvertures 80 % / 95 % par horizon et niveau (tous groupes d'âges)."""

    annee_origine: int
    detail: pd.DataFrame
    erreurs: pd.DataFrame
    couverture: pd.DataFrame


def _observe(pop: pd.DataFrame, communes: pd.DataFrame, annees) -> pd.DataFrame:
    p = pop[pop["annee"].isin(annees)].merge(communes, on="code_commune")
    if "code_territoire" not in p:
        p["code_territoire"] = "territoire"
    morceaux = []
    groupes = GROUPES_PROJECTION
    for nom, (a0, a1) in groupes.items():
        sel = p[p["age"].between(a0, a1)]
        for niveau, col in (
            ("commune", "code_commune"),
            ("epci", "code_epci"),
            ("territoire", "code_territoire"),
        ):
            g = sel.groupby([col, "annee"], as_index=False)["population"].sum()
            morceaux.append(
                g.rename(columns={col: "code", "population": "observe"}).assign(
                    niveau=niveau, groupe_age=nom
                )
            )
    return pd.concat(morceaux, ignore_index=True)


def backtest(
    donnees: DonneesProjection,
    annee_origine: int,
    annees_cible: list[int] | None = None,
    n_tirages: int = 100,
    graine: int = 0,
    reference: ReferenceNationale | None = None,
    parametres: ParametresEstimation | None = None,
    parametres_incertitude=None,
) -> ResultatBacktest:
    """Projette depuis ``annee_origine`` (données jusqu'à cette date) et compare à l'observé.

    Args:
        donnees: les données complètes (les années postérieures servent de vérité).
        annee_origine: année de départ (doit être une année de population disponible).
        annees_cible: années comparées ; par défaut toutes les années observées après l'origine.

    Returns:
        ``ResultatBacktest``.
    """
    d = donnees.valider()
    obs_annees = sorted(a for a in d.population["annee"].unique() if a > annee_origine)
    annees_cible = annees_cible or obs_annees
    if not annees_cible:
        raise ValueError(f"annee_origine : aucune population observée après {annee_origine}.")
    modele = estimer_modele(d.jusqu_a(annee_origine), reference, parametres)
    res = projeter(
        modele,
        Scenario("backtest", horizon=int(max(annees_cible))),
        intervalles=True,
        n_tirages=n_tirages,
        graine=graine,
        parametres_incertitude=parametres_incertitude,
    )
    proj = res.intervalles_agreges
    proj = proj[proj["annee"].isin(annees_cible)]
    obs = _observe(
        d.population,
        d.communes.assign(code_commune=d.communes["code_commune"].astype(str)),
        annees_cible,
    )
    det = proj.merge(obs, on=["niveau", "code", "annee", "groupe_age"], how="inner")
    det["horizon"] = det["annee"] - annee_origine
    det["erreur_relative"] = (det["population"] - det["observe"]) / det["observe"].where(
        det["observe"] > 0
    )
    det["dans_80"] = det["observe"].between(det["bas_80"], det["haut_80"])
    det["dans_95"] = det["observe"].between(det["bas_95"], det["haut_95"])
    taille = modele.niveaux.set_index("code_commune")["population_base"]
    det["classe_taille"] = pd.cut(
        det["code"].map(taille), CLASSES_TAILLE, labels=LIBELLES_TAILLE, right=False
    )
    det.loc[det["niveau"] != "commune", "classe_taille"] = np.nan
    det["classe_taille"] = det["classe_taille"].astype(object).fillna("(agrégat)")

    def resume(g):
        e = g["erreur_relative"].dropna()
        return pd.Series(
            {
                "n": len(g),
                "mape": float(e.abs().mean() * 100) if len(e) else np.nan,
                "biais_median": float(e.median() * 100) if len(e) else np.nan,
                "couverture_80": float(g["dans_80"].mean()),
                "couverture_95": float(g["dans_95"].mean()),
            }
        )

    cles = ["horizon", "niveau", "groupe_age", "classe_taille"]
    erreurs = (
        det.groupby(cles, sort=True)[["erreur_relative", "dans_80", "dans_95"]]
        .apply(resume)
        .reset_index()
    )
    couv = (
        det.groupby(["horizon", "niveau"])[["erreur_relative", "dans_80", "dans_95"]]
        .apply(resume)
        .reset_index()
    )
    return ResultatBacktest(annee_origine, det, erreurs, couv)
