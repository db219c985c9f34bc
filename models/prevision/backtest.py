"""Backtest à origine glissante : chaque candidat est ajusté sur le passé et jugé sur la suite.

Méthode (FPP3, § 5.10 « time series cross-validation ») : pour quelques origines espacées d'une
saison (par défaut 3 : les trois dernières années pour un horizon de 12 mois), chaque candidat est
ajusté sur les données jusqu'à l'origine et prévoit les ``h`` périodes suivantes ; on compare aux
valeurs observées. Pour chaque horizon rapporté ``k`` (1, 3, 6 et ``h`` mois), les mesures portent
sur les pas 1 à ``k`` de toutes les origines : MASE (échelle naïve saisonnière de l'apprentissage de
chaque origine, Hyndman & Koehler 2006), sMAPE, couvertures empiriques des intervalles à 80 % et
95 %. Le modèle retenu est celui de plus petit MASE à l'horizon ``h`` parmi les candidats ajustés
à toutes les origines (à égalité, le premier du registre, donc le plus simple). Les références
naïves sont toujours calculées et rapportées.

Les variables explicatives futures du backtest sont les valeurs connues (la population projetée
est supposée connue à l'horizon, comme dans son usage réel).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from . import mesures
from .contrat import index_futur
from .diagnostics import Diagnostic, capturer, echec
from .garde_fous import borner_comptages
from .preparation import SeriePreparee, indicatrice_covid
from .registre import Candidat

#: Colonnes du tableau de backtest (table ``backtest_usage``).
COLONNES_BACKTEST = (
    "modele",
    "horizon",
    "mase",
    "smape",
    "couverture_80",
    "couverture_95",
    "retenu",
)


@dataclass
class ResultatBacktest:
    """Tableau des mesures et modèle retenu.

    Attributes:
        tableau: une ligne par candidat et horizon rapporté, colonnes :data:`COLONNES_BACKTEST`.
        horizon: horizon de sélection (en périodes).
        origines: dernières périodes d'apprentissage de chaque origine.
        retenu: nom du candidat de plus petit MASE, ou ``None`` si aucun backtest n'a été possible.
        durees: secondes d'ajustement cumulées par candidat.
    """

    tableau: pd.DataFrame
    horizon: int
    origines: list[pd.Timestamp]
    retenu: str | None
    durees: dict[str, float] = field(default_factory=dict)


def exogenes(
    cand: Candidat,
    prep: SeriePreparee,
    index_passe: pd.DatetimeIndex,
    index_futur_: pd.DatetimeIndex,
    population: pd.Series | None,
) -> tuple[pd.DataFrame | None, pd.DataFrame | None]:
    """Variables explicatives d'un candidat : population (centrée-réduite) et indicatrice Covid.

    ``population`` couvre le passé et le futur demandés. Les colonnes constantes sur le passé
    (indicatrice hors fenêtre) sont retirées : elles ne seraient pas identifiables.
    """
    passe, futur = {}, {}
    if cand.exogene and population is not None:
        p, f = population.reindex(index_passe), population.reindex(index_futur_)
        ec = float(p.std())
        if ec > 0:
            passe["population"] = (p - p.mean()) / ec
            futur["population"] = (f - p.mean()) / ec
    if cand.intervention and prep.intervention:
        d = indicatrice_covid(index_passe, prep.frequence)
        if 0 < d.sum() < len(d):
            passe["covid"] = d
            futur["covid"] = indicatrice_covid(index_futur_, prep.frequence)
    if not passe:
        return None, None
    return pd.DataFrame(passe, index=index_passe), pd.DataFrame(futur, index=index_futur_)


def ajuster(
    cand: Candidat,
    prep: SeriePreparee,
    longueur: int,
    horizon: int,
    journal: list[Diagnostic],
    *,
    population: pd.Series | None = None,
    is_count: bool = True,
    **options,
) -> pd.DataFrame | None:
    """Ajuste un candidat sur les ``longueur`` premières périodes et prévoit ``horizon`` périodes.

    Avertissements et échecs vont dans ``journal`` ; renvoie ``None`` en cas d'échec ou de sortie
    non finie.
    """
    y = (prep.y if cand.intervention else prep.y_corrigee).iloc[:longueur]
    futur = index_futur(y, horizon, prep.frequence)
    try:
        with capturer(journal, cand.nom, cand.libelle):
            xp, xf = exogenes(cand, prep, y.index, futur, population)
            if xf is not None and xf.isna().any().any():
                raise ValueError("population projetée manquante pour une période future")
            prev = cand.fonction(
                y,
                horizon,
                seasonal_period=prep.periode_saisonniere,
                exog_past=xp,
                exog_future=xf,
                **options,
            )
    except Exception as exc:  # noqa: BLE001 - un candidat qui échoue est écarté, pas fatal
        journal.append(echec(cand.nom, cand.libelle, exc))
        return None
    valeurs = prev[["moyenne", "bas_80", "haut_80", "bas_95", "haut_95"]].to_numpy()
    if not np.all(np.isfinite(valeurs)):
        journal.append(
            Diagnostic(
                "avertissement",
                "prevision_non_finie",
                f"{cand.libelle} : prévision non finie ; modèle écarté.",
                cand.nom,
            )
        )
        return None
    return borner_comptages(prev) if is_count else prev


def horizons_rapportes(horizon: int, periode_saisonniere: int) -> list[int]:
    """Horizons cumulés du tableau : 1, 3, 6 et ``horizon`` en mensuel ; 1 et ``horizon`` sinon."""
    base = {1, 3, 6} if periode_saisonniere > 1 else {1}
    return sorted(k for k in base | {horizon} if k <= horizon)


def longueurs_apprentissage(
    n: int, horizon: int, n_origines: int, pas: int, minimum: int
) -> list[int]:
    """Longueurs d'apprentissage des origines (de la plus ancienne à la plus récente)."""
    sortie = [n - horizon - k * pas for k in range(n_origines)]
    return sorted(x for x in sortie if x >= minimum)


def backtester(
    prep: SeriePreparee,
    candidats: list[Candidat],
    horizon: int,
    journal: list[Diagnostic],
    *,
    n_origines: int = 3,
    population: pd.Series | None = None,
    is_count: bool = True,
    **options,
) -> ResultatBacktest:
    """Backtest à origine glissante de ``candidats`` sur ``prep`` (voir le module).

    Args:
        prep: série préparée.
        candidats: du registre.
        horizon: horizon de sélection souhaité ; réduit si la série est trop courte.
        journal: reçoit les diagnostics.
        n_origines: nombre d'origines (3 ou 4 suffisent pour des séries de 10 à 12 ans).
        population: variable explicative sur tout le passé (pour ``sarimax_population``).
        is_count: tronquer les prévisions à zéro comme la prévision finale.
        **options: passées aux candidats (``maxiter``, ``graine``).
    """
    m = prep.periode_saisonniere
    n = len(prep.y)
    minimum = m + 1 if m > 1 else 5
    h = max(0, min(horizon, n - minimum))
    pas = m if m > 1 else 1
    longueurs = longueurs_apprentissage(n, h, n_origines, pas, minimum) if h >= 1 else []
    vide = pd.DataFrame(
        {
            c: pd.Series(dtype=t)
            for c, t in zip(
                COLONNES_BACKTEST, ["str", "int64"] + ["float"] * 4 + ["bool"], strict=True
            )
        }
    )
    if not longueurs:
        return ResultatBacktest(vide, h, [], None)

    observee = prep.observee.reindex(prep.y.index).to_numpy(dtype=float)
    # erreurs[nom] : liste, par origine, des tableaux (h,) de chaque mesure point par point.
    erreurs: dict[str, dict[str, list[np.ndarray]]] = {}
    durees: dict[str, float] = {}
    for L in longueurs:
        reel = observee[L : L + h]
        echelle = mesures.echelle_mase(prep.y_corrigee.to_numpy()[:L], m)
        for cand in candidats:
            if L < cand.min_obs:
                continue
            t0 = time.perf_counter()
            prev = ajuster(
                cand, prep, L, h, journal, population=population, is_count=is_count, **options
            )
            durees[cand.nom] = durees.get(cand.nom, 0.0) + time.perf_counter() - t0
            if prev is None:
                continue
            e = erreurs.setdefault(cand.nom, {"mase": [], "smape": [], "c80": [], "c95": []})
            e["mase"].append(mesures.erreurs_mase(reel, prev["moyenne"], echelle))
            e["smape"].append(mesures.termes_smape(reel, prev["moyenne"]))
            e["c80"].append(mesures.dans_intervalle(reel, prev["bas_80"], prev["haut_80"]))
            e["c95"].append(mesures.dans_intervalle(reel, prev["bas_95"], prev["haut_95"]))

    def moyenne(listes: list[np.ndarray], k: int) -> float:
        x = np.concatenate([a[:k] for a in listes])
        return float(np.nanmean(x)) if np.isfinite(x).any() else float("nan")

    lignes = []
    complets = {}
    for cand in candidats:
        if cand.nom not in erreurs:
            continue
        e = erreurs[cand.nom]
        for k in horizons_rapportes(h, m):
            lignes.append(
                {
                    "modele": cand.nom,
                    "horizon": k,
                    "mase": moyenne(e["mase"], k),
                    "smape": moyenne(e["smape"], k),
                    "couverture_80": moyenne(e["c80"], k),
                    "couverture_95": moyenne(e["c95"], k),
                }
            )
        if len(e["mase"]) == len(longueurs):
            complets[cand.nom] = moyenne(e["mase"], h)
    tableau = (
        pd.DataFrame(lignes, columns=list(COLONNES_BACKTEST[:-1]))
        if lignes
        else vide.drop(columns="retenu")
    )
    finis = {nom: v for nom, v in complets.items() if np.isfinite(v)}
    retenu = min(finis, key=finis.get) if finis else None
    tableau["retenu"] = tableau["modele"] == retenu
    origines = [prep.y.index[L - 1] for L in longueurs]
    return ResultatBacktest(tableau.reset_index(drop=True), h, origines, retenu, durees)


def meilleure_reference(resultat: ResultatBacktest, disponibles: list[str]) -> str:
    """La référence de plus petit MASE au backtest ; à défaut la naïve saisonnière, puis la naïve."""
    t = resultat.tableau
    t = t[(t["horizon"] == resultat.horizon) & t["modele"].isin(disponibles)].dropna(
        subset=["mase"]
    )
    if not t.empty:
        return str(t.sort_values("mase").iloc[0]["modele"])
    return "naive_saisonniere" if "naive_saisonniere" in disponibles else "naive"
