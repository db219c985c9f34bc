"""Classes de la carte (issue 13) : les seuils naturels écrits dans vigie.analyses.cartographie face à
`mapclassify.FisherJenks`, et l'import de mapclassify.

Pour chaque nombre de communes (277 : le Finistère ; 890 : le Pas-de-Calais ; 1 232 : la Bretagne ;
35 000 : la France, échantillonnée à 1 500 statistiques d'ordre), la médiane de plusieurs
répétitions sur des valeurs log-normales, et l'égalité des seuils. mapclassify en Python pur (sans
numba) n'est pas mesuré au-delà de 1 232 valeurs : sa boucle est quadratique.

Usage :

    python bench/bench_classes.py [--repetitions N]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import warnings

import banc
import mapclassify
import numpy as np

from vigie.analyses import cartographie


def main() -> None:
    parametres = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parametres.add_argument("--repetitions", type=int, default=3)
    args = parametres.parse_args()
    for avant, libelle in (
        ("", "processus neuf"),
        ("import pandas, plotly.graph_objects, shapely, streamlit; ", "après ce qu'a déjà l'app"),
    ):
        code = f"{avant}import time; t = time.perf_counter(); import mapclassify; "
        code += "print(time.perf_counter() - t)"
        sortie = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        )
        print(f"import mapclassify ({libelle}) : {float(sortie.stdout):.2f} s")
    print(f"{'communes':>9} | {'Vigie (s)':>10} | {'mapclassify (s)':>16} | mêmes seuils")
    print("-" * 58)
    for n in (277, 890, 1232, 35_000):
        x = np.random.default_rng(n).lognormal(size=n)
        duree, nous = banc.mediane(lambda x=x: cartographie.seuils_naturels(x, 5), args.repetitions)
        if n <= 1232:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # « Numba not installed »
                duree_mc, eux = banc.mediane(
                    lambda x=x: mapclassify.FisherJenks(x, k=5).bins, args.repetitions
                )
            memes = "oui" if np.allclose(nous[1:], eux, rtol=1e-6) else "non"
            print(f"{n:>9} | {duree:>10.3f} | {duree_mc:>16.3f} | {memes}")
        else:
            print(f"{n:>9} | {duree:>10.3f} | {'(non mesuré)':>16} | -")


if __name__ == "__main__":
    main()
