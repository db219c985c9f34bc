"""Référence externe de `bench_prevision.py` : AutoETS, AutoTheta et AutoARIMA de statsforecast.

Exécuté **dans son propre environnement virtuel** (statsforecast exige pandas < 3 ; il n'est jamais
une dépendance de Vigie) par `bench/bench_prevision.py`, qui le crée au besoin. Lit un fichier CSV
long (`id, t, y` : séries d'apprentissage sans trou), prévoit `h` pas avec intervalles à 80 % et
95 %, mesure le temps processeur de chaque série et de chaque modèle (après un premier appel qui
compile numba), et écrit un CSV long (`id, modele, pas, moyenne, bas_80, haut_80, bas_95, haut_95,
cpu_s`).

Usage : ``python reference_statsforecast.py entree.csv sortie.csv 36 AutoETS,AutoTheta``.
"""

from __future__ import annotations

import sys
import time

import numpy as np
import pandas as pd
from statsforecast import models as modeles_sf


def main() -> None:
    entree, sortie, horizon, noms = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
    donnees = pd.read_csv(entree)
    series = {k: g.sort_values("t")["y"].to_numpy(float) for k, g in donnees.groupby("id")}
    lignes = []
    for nom in noms.split(","):
        classe = getattr(modeles_sf, nom)
        premiere = next(iter(series.values()))
        classe(season_length=12).forecast(y=premiere, h=horizon, level=[80, 95])  # compile numba
        for cle, y in series.items():
            t0 = time.process_time()
            sortie_sf = classe(season_length=12).forecast(y=y, h=horizon, level=[80, 95])
            cpu = time.process_time() - t0
            lignes.append(
                pd.DataFrame(
                    {
                        "id": cle,
                        "modele": nom,
                        "pas": np.arange(1, horizon + 1),
                        "moyenne": sortie_sf["mean"],
                        "bas_80": sortie_sf["lo-80"],
                        "haut_80": sortie_sf["hi-80"],
                        "bas_95": sortie_sf["lo-95"],
                        "haut_95": sortie_sf["hi-95"],
                        "cpu_s": cpu,
                    }
                )
            )
    pd.concat(lignes).to_csv(sortie, index=False)


if __name__ == "__main__":
    main()
