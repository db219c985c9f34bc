"""Banc d'essai des prévisions d'usage contre statsforecast (issue 20) : temps et précision.

Questions : la chaîne complète de Vigie pour une série (préparation, backtest à origine
glissante, choix, ajustement final, intervalles recalés) est-elle aussi rapide que l'AutoETS de
statsforecast sur les mêmes séries et le même cœur ? Son choix est-il au moins aussi précis que
le meilleur modèle de statsforecast (MASE) ? Ses intervalles à 80 % et 95 % couvrent-ils 75-85 %
et 92-98 % des valeurs ?

Jeu d'essai (graine fixée) : ≥ 200 séries mensuelles —

- les naissances mensuelles de France métropolitaine (INSEE, BDM 000436391, `../shared/data`)
  découpées en fenêtres de 12 ans (séries réelles), si le dossier est présent ;
- des séries générées de 96 à 144 mois aux formes des usages de services : tendance, saison
  additive ou multiplicative, bruit, mois manquants, choc de 2020 sur une partie d'entre elles.

Les 36 derniers mois de chaque série sont cachés ; chaque méthode prévoit 36 mois à partir du
reste ; MASE (échelle naïve saisonnière de l'apprentissage) et couvertures portent sur les mois
cachés observés. statsforecast est une **référence seulement** : le script l'installe dans son
propre environnement virtuel (`~/.cache/vigie/venv-statsforecast`, pandas < 3) et l'exécute par
`bench/reference_statsforecast.py` ; ce n'est jamais une dépendance de l'application.

Usage (sur UN cœur : ``taskset -c 0``) :
``python bench/bench_prevision.py [--series 200] [--modeles-sf AutoETS,AutoTheta,AutoARIMA]``.
Imprime des tableaux ; aucun test n'affirme de temps.
"""

from __future__ import annotations

import argparse
import csv
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import banc

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("OMP_NUM_THREADS", "1")

import numpy as np
import pandas as pd

from models.prevision import mesures, prevoir_serie

RACINE = banc.RACINE

HORIZON = 36
NAISSANCES = RACINE.parent / "shared" / "data" / "births_deaths"
if not NAISSANCES.is_dir():  # une copie de travail (git worktree) à côté du dépôt principal
    NAISSANCES = Path("/work/shared/data/births_deaths")
VENV = Path.home() / ".cache" / "vigie" / "venv-statsforecast"
VERSION_STATSFORECAST = "2.1.1"


def lire_bdm(chemin: Path) -> pd.Series:
    """Série mensuelle BDM de l'INSEE telle que publiée (« ; », guillemets, en-têtes)."""
    with chemin.open(encoding="utf-8-sig", newline="") as f:
        lignes = list(csv.reader(f, delimiter=";", quotechar='"'))
    donnees = {
        pd.Timestamp(f"{p}-01"): float(v)
        for p, v, *_ in lignes
        if len(p) == 7 and p[:4].isdigit() and v.strip()
    }
    return pd.Series(donnees).sort_index().asfreq("MS")


def series_reelles() -> dict[str, pd.Series]:
    """Fenêtres de 12 ans (144 mois) des naissances mensuelles, de 1946 à 2025."""
    f1 = NAISSANCES / "naissances_mensuelles_france_metro_000436391_1946-2018.csv"
    f2 = (
        NAISSANCES
        / "naissances_mensuelles_france_metro_000436391_2018-2025_extrait_vintage2026.csv"
    )
    if not f1.exists():
        return {}
    y = lire_bdm(f1)
    if f2.exists():
        y = pd.concat([y, lire_bdm(f2)])
        y = y[~y.index.duplicated(keep="last")].sort_index().asfreq("MS")
    sortie = {}
    fin = y.index.max()
    while fin - pd.DateOffset(months=143) >= y.index.min():
        debut = fin - pd.DateOffset(months=143)
        sortie[f"naissances_{debut:%Y}_{fin:%Y}"] = y.loc[debut:fin]
        fin = fin - pd.DateOffset(months=144)
    return sortie


def series_generees(nombre: int, graine: int = 20) -> dict[str, pd.Series]:
    """Séries synthétiques d'usage : tendance, saison, bruit, trous, choc 2020 (graine fixée)."""
    rng = np.random.default_rng(graine)
    sortie = {}
    for i in range(nombre):
        n = int(rng.choice([96, 120, 144]))
        index = pd.date_range(end="2025-12-01", periods=n, freq="MS")
        t = np.arange(n)
        mois = index.month.to_numpy()
        niveau = rng.uniform(100, 5000)
        pente = rng.uniform(-0.003, 0.005) * niveau
        amplitude = rng.uniform(0.0, 0.5)
        phase = rng.integers(0, 12)
        saison = np.cos(2 * np.pi * (mois - phase) / 12)
        base = niveau + pente * t
        if i % 2 == 0:  # saison multiplicative (piscine, eau)
            v = base * (1 + amplitude * saison)
        else:  # saison additive (médiathèque, crèche)
            v = base + amplitude * niveau * saison
        v = v * rng.lognormal(0, rng.uniform(0.03, 0.12), n)
        if i % 3 == 0:  # choc de 2020
            covid = (index >= "2020-03-01") & (index <= "2021-06-01")
            v[covid] *= rng.uniform(0.2, 0.8)
        y = pd.Series(np.round(np.clip(v, 0, None)), index=index)
        if i % 4 == 1:  # mois manquants, dans l'apprentissage
            trous = rng.choice(n - HORIZON - 1, size=int(rng.integers(2, 8)), replace=False) + 1
            y.iloc[trous] = np.nan
        sortie[f"synthetique_{i:03d}"] = y
    return sortie


def mesurer(reel: np.ndarray, prev: pd.DataFrame | dict, echelle: float) -> dict:
    erreurs = mesures.erreurs_mase(reel, np.asarray(prev["moyenne"], float), echelle)
    return {
        "mase": float(np.nanmean(erreurs)) if np.isfinite(erreurs).any() else np.nan,
        "couv_80": mesures.couverture(reel, prev["bas_80"], prev["haut_80"]),
        "couv_95": mesures.couverture(reel, prev["bas_95"], prev["haut_95"]),
    }


def assurer_venv() -> Path:
    """L'environnement virtuel de statsforecast, créé au premier lancement."""
    python = VENV / "bin" / "python"
    if not python.exists():
        print(f"Création de l'environnement de référence {VENV} (statsforecast, pandas < 3)...")
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
        subprocess.run(
            [
                str(python),
                "-m",
                "pip",
                "install",
                "-q",
                f"statsforecast=={VERSION_STATSFORECAST}",
                "pandas<3",
            ],
            check=True,
        )
    return python


def statsforecast(
    apprentissages: dict[str, pd.Series], modeles: str
) -> dict[str, dict[str, pd.DataFrame]]:
    """Prévisions des modèles de statsforecast (``{modele: {id: cadre}}``) et temps par série."""
    python = assurer_venv()
    with tempfile.TemporaryDirectory() as dossier:
        entree, sortie = Path(dossier) / "entree.csv", Path(dossier) / "sortie.csv"
        pd.concat(
            pd.DataFrame(
                {
                    "id": cle,
                    "t": np.arange(len(y)),
                    # statsforecast n'accepte pas de trou : interpolation linéaire, comme Vigie
                    "y": y.interpolate(limit_direction="both").to_numpy(),
                }
            )
            for cle, y in apprentissages.items()
        ).to_csv(entree, index=False)
        subprocess.run(
            [
                str(python),
                str(RACINE / "bench" / "reference_statsforecast.py"),
                str(entree),
                str(sortie),
                str(HORIZON),
                modeles,
            ],
            check=True,
            env=os.environ
            | {"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "NUMBA_NUM_THREADS": "1"},
        )
        resultats = pd.read_csv(sortie)
    return {
        nom: {str(cle): g.sort_values("pas") for cle, g in groupe.groupby("id")}
        for nom, groupe in resultats.groupby("modele")
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--series", type=int, default=200, help="séries générées (défaut 200)")
    parser.add_argument("--modeles-sf", default="AutoETS,AutoTheta,AutoARIMA")
    parser.add_argument("--sans-statsforecast", action="store_true")
    args = parser.parse_args()

    lot = series_reelles() | series_generees(args.series)
    apprentissages = {k: y.iloc[:-HORIZON] for k, y in lot.items()}
    verites = {k: y.iloc[-HORIZON:].to_numpy(float) for k, y in lot.items()}
    echelles = {k: mesures.echelle_mase(a.to_numpy(float), 12) for k, a in apprentissages.items()}
    print(
        f"{len(lot)} séries mensuelles ({sum(k.startswith('naissances') for k in lot)} réelles), "
        f"{HORIZON} mois cachés chacune ; un seul cœur."
    )

    lignes: list[dict] = []
    temps_vigie, choix = [], {}
    prevoir_serie(next(iter(apprentissages.values())), HORIZON)  # imports et caches chauds
    for cle, y in apprentissages.items():
        t0 = time.process_time()
        r = prevoir_serie(y, HORIZON)
        temps_vigie.append(time.process_time() - t0)
        choix[r.modele] = choix.get(r.modele, 0) + 1
        lignes.append(
            {
                "methode": "Vigie (choix)",
                "serie": cle,
                **mesurer(verites[cle], r.prevision, echelles[cle]),
            }
        )
    # Chaque candidat seul (même chaîne, intervalles recalés) : mesuré à part, hors chronométrage.
    for cle, y in apprentissages.items():
        r = prevoir_serie(y, HORIZON, tous_les_candidats=True)
        for nom, p in r.previsions_candidats.items():
            lignes.append(
                {
                    "methode": f"candidat {nom}",
                    "serie": cle,
                    **mesurer(verites[cle], p, echelles[cle]),
                }
            )

    temps = [
        {
            "methode": "Vigie (chaîne complète)",
            "cpu_ms_mediane": 1000 * np.median(temps_vigie),
            "cpu_ms_moyenne": 1000 * np.mean(temps_vigie),
            "cpu_ms_p95": 1000 * np.quantile(temps_vigie, 0.95),
        }
    ]
    if not args.sans_statsforecast:
        sf = statsforecast(apprentissages, args.modeles_sf)
        for nom, par_serie in sf.items():
            cpu = [float(g["cpu_s"].iloc[0]) for g in par_serie.values()]
            temps.append(
                {
                    "methode": f"statsforecast {nom}",
                    "cpu_ms_mediane": 1000 * np.median(cpu),
                    "cpu_ms_moyenne": 1000 * np.mean(cpu),
                    "cpu_ms_p95": 1000 * np.quantile(cpu, 0.95),
                }
            )
            for cle, g in par_serie.items():
                lignes.append(
                    {
                        "methode": f"statsforecast {nom}",
                        "serie": cle,
                        **mesurer(verites[cle], g, echelles[cle]),
                    }
                )

    detail = pd.DataFrame(lignes)
    precision = (
        detail.groupby("methode")
        .agg(
            series=("serie", "count"),
            mase_moyen=("mase", "mean"),
            mase_median=("mase", "median"),
            couv_80=("couv_80", "mean"),
            couv_95=("couv_95", "mean"),
        )
        .reset_index()
        .sort_values("mase_moyen")
    )
    banc.tableau(precision, "Précision sur les 36 mois cachés (MASE, couvertures 80 % et 95 %)")
    temps = pd.DataFrame(temps)
    banc.tableau(temps, "Temps processeur par série (un cœur)")
    ets = temps[temps.methode == "statsforecast AutoETS"]
    if not ets.empty:
        ratio = temps.iloc[0]["cpu_ms_mediane"] / ets.iloc[0]["cpu_ms_mediane"]
        ratio_moy = temps.iloc[0]["cpu_ms_moyenne"] / ets.iloc[0]["cpu_ms_moyenne"]
        print(f"\nRapport Vigie / AutoETS : {ratio:.2f} (médianes), {ratio_moy:.2f} (moyennes)")
    print(
        "\nModèles choisis par Vigie : "
        + ", ".join(f"{k} {v}" for k, v in sorted(choix.items(), key=lambda x: -x[1]))
    )


if __name__ == "__main__":
    main()
