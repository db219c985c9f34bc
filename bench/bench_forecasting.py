"""Banc d'essai des prévisions d'usage : temps par série et par candidat, précision au backtest.

Questions : combien de temps coûte une série (backtest compris) sur 2 cœurs, quel candidat coûte
le plus, et le modèle retenu bat-il la reconduction saisonnière ? Imprime des tableaux :

1. 20 séries mensuelles « comme la démo » (2014-2025, 144 mois : piscine, médiathèque avec choc
   2020, cantine fermée en août, crèche en hausse, eau, transport...), générées avec une graine ;
2. temps par candidat (backtest + ajustement final) ;
3. débit en processus et extrapolation à 1 000 séries ;
4. si ``../shared/data`` est présent : naissances mensuelles de France (INSEE), apprentissage
   jusqu'à 2018-12, prévision 2019-2025 comparée au fichier 2018-2025, MASE et couvertures.

Usage : ``python bench/bench_forecasting.py [--series 20] [--jobs 2]``. Les tests n'affirment jamais
de temps ; ce script les mesure.
"""

from __future__ import annotations

import argparse
import csv
import time
from pathlib import Path

import banc
import numpy as np
import pandas as pd

from models.prevision import REGISTRE, prevoir, prevoir_lot, prevoir_serie
from models.prevision import mesures as metrics

RACINE = banc.RACINE

NAISSANCES = RACINE.parent / "shared" / "data" / "births_deaths"


def series_demo(nombre: int = 20, graine: int = 2024) -> dict[str, pd.Series]:
    """Séries mensuelles synthétiques aux formes des usages de services publics."""
    rng = np.random.default_rng(graine)
    index = pd.date_range("2014-01-01", periods=144, freq="MS")
    t = np.arange(144)
    mois = index.month.to_numpy()
    covid = np.asarray((index >= "2020-03-01") & (index <= "2021-06-01"))
    formes = []
    for i in range(nombre):
        genre = i % 5
        niveau = rng.uniform(200, 5000)
        tendance = rng.uniform(-0.002, 0.004) * niveau * t
        bruit = rng.normal(0, 0.05 * niveau, 144)
        if genre == 0:  # piscine : pic d'été multiplicatif, fermée pendant le choc
            v = (niveau + tendance) * (1 + 0.5 * np.cos(2 * np.pi * (mois - 7) / 12)) + bruit
            v[covid] *= 0.2
        elif genre == 1:  # médiathèque : saison douce, choc 2020
            v = niveau + tendance + 0.15 * niveau * np.sin(2 * np.pi * mois / 12) + bruit
            v[covid] *= 0.5
        elif genre == 2:  # cantine : fermée en août, creux de juillet
            v = niveau + tendance + bruit
            v[mois == 7] *= 0.3
            v[mois == 8] = 0
            v[covid & (mois <= 6)] *= 0.6
        elif genre == 3:  # crèche : hausse régulière, peu saisonnière
            v = niveau + 2 * tendance + 0.05 * niveau * np.sin(2 * np.pi * mois / 12) + bruit
        else:  # eau, transport : saison marquée, pas de choc sur l'eau
            v = niveau + tendance + 0.25 * niveau * np.cos(2 * np.pi * (mois - 7) / 12) + bruit
        formes.append(pd.Series(np.round(np.clip(v, 0, None)), index=index))
    noms = ["piscine", "mediatheque", "cantine", "creche", "eau"]
    return {f"{noms[i % 5]}_{i // 5 + 1}": s for i, s in enumerate(formes)}


def lire_bdm(chemin: Path) -> pd.Series:
    """Série mensuelle BDM de l'INSEE telle que publiée (« ; », guillemets, en-têtes)."""
    with chemin.open(encoding="utf-8-sig", newline="") as f:
        lignes = list(csv.reader(f, delimiter=";", quotechar='"'))
    donnees = {
        pd.Timestamp(f"{p}-01"): float(v) for p, v, *_ in lignes if p[:4].isdigit() and len(p) == 7
    }
    return pd.Series(donnees).sort_index().asfreq("MS")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--series", type=int, default=20)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    lot = series_demo(args.series)

    # 1-2. Séquentiel : temps par série et par candidat.
    t0 = time.perf_counter()
    res = prevoir_lot(lot, 24, n_jobs=1)
    sequentiel = time.perf_counter() - t0
    lignes, par_modele = [], {}
    for cle, r in res.items():
        b = r.backtest[r.backtest.horizon == r.horizon_backtest].set_index("modele")
        lignes.append(
            {
                "serie": cle,
                "secondes": r.duree_s,
                "modele": r.modele,
                "mase": b.loc[r.modele, "mase"],
                "mase_naive_saison": b.loc["naive_saisonniere", "mase"]
                if "naive_saisonniere" in b.index
                else np.nan,
                "couv_80": b.loc[r.modele, "couverture_80"],
                "couv_95": b.loc[r.modele, "couverture_95"],
                "drapeaux": ",".join(r.drapeaux),
            }
        )
        for nom, s in r.durees_modeles.items():
            par_modele.setdefault(nom, []).append(s)
    detail = pd.DataFrame(lignes)
    banc.tableau(
        detail, f"{len(lot)} séries de démonstration (144 mois, horizon 24, backtest 4 × 24 mois)"
    )
    moyenne = detail[["mase", "mase_naive_saison", "couv_80", "couv_95"]].mean()
    print(
        f"\nMoyennes : MASE retenu {moyenne.mase:.3f} contre {moyenne.mase_naive_saison:.3f} pour la "
        f"naïve saisonnière ; couverture 80 % = {moyenne.couv_80:.1%}, 95 % = {moyenne.couv_95:.1%}"
    )
    temps = pd.DataFrame(
        [
            {"candidat": n, "s_par_serie": np.mean(v), "s_total": np.sum(v)}
            for n, v in par_modele.items()
        ]
    ).sort_values("s_total", ascending=False)
    banc.tableau(temps, "Temps par candidat (backtest à 4 origines + ajustement final)")

    # 3. Débit en processus et extrapolation.
    t0 = time.perf_counter()
    prevoir_lot(lot, 24, n_jobs=args.jobs)
    parallele = time.perf_counter() - t0
    par_serie = parallele / len(lot)
    debit = pd.DataFrame(
        [
            {
                "mode": "1 processus",
                "series": len(lot),
                "secondes": sequentiel,
                "s_par_serie": sequentiel / len(lot),
            },
            {
                "mode": f"{args.jobs} processus",
                "series": len(lot),
                "secondes": parallele,
                "s_par_serie": par_serie,
            },
            {
                "mode": f"{args.jobs} processus (extrapolé)",
                "series": 1000,
                "secondes": 1000 * par_serie,
                "s_par_serie": par_serie,
            },
        ]
    )
    banc.tableau(debit, "Débit")

    # 4. Naissances réelles : apprentissage jusqu'en 2018-12, prévision 2019-2025.
    f1 = NAISSANCES / "naissances_mensuelles_france_metro_000436391_1946-2018.csv"
    f2 = (
        NAISSANCES
        / "naissances_mensuelles_france_metro_000436391_2018-2025_extrait_vintage2026.csv"
    )
    if f1.exists() and f2.exists():
        y = lire_bdm(f1).loc["2004-01-01":]
        verite = lire_bdm(f2).loc["2019-01-01":"2025-12-01"]
        t0 = time.perf_counter()
        r = prevoir_serie(y, len(verite))
        duree = time.perf_counter() - t0
        bt = r.backtest[r.backtest.horizon == r.horizon_backtest][
            ["modele", "mase", "smape", "couverture_80", "couverture_95", "retenu"]
        ]
        banc.tableau(
            bt,
            f"Naissances 2004-2018 : backtest {r.horizon_backtest} mois ({duree:.1f} s, retenu : {r.modele})",
        )
        lignes = []
        for nom in ("naive_saisonniere", r.modele):
            p = prevoir(y, len(verite), modele=nom) if nom != r.modele else r.prevision
            for annees, fin in (("2019", "2019-12-01"), ("2019-2025", "2025-12-01")):
                v = verite.loc[:fin].to_numpy()
                q = p.iloc[: len(v)]
                lignes.append(
                    {
                        "modele": REGISTRE[nom].nom,
                        "periode": annees,
                        "mase": metrics.mase(v, q.moyenne, y.to_numpy(), 12),
                        "smape": metrics.smape(v, q.moyenne),
                        "couverture_80": metrics.couverture(v, q.bas_80, q.haut_80),
                        "couverture_95": metrics.couverture(v, q.bas_95, q.haut_95),
                    }
                )
        banc.tableau(
            pd.DataFrame(lignes), "Naissances : prévision 2019-2025 faite fin 2018, contre le réel"
        )
    else:
        print("\n(../shared/data absent : pas de test sur les naissances réelles)")


if __name__ == "__main__":
    main()
