"""Vitesse et mémoire de la projection démographique (issue 4), sur des territoires synthétiques.

Imprime un tableau : estimation des taux, chemin central (un scénario, cible < 0,1 s pour
60 communes), mise en forme longue, intervalles simulés ; pour ~60 communes (territoire de démo)
et une région synthétique de 1 200 communes, à 2050 et 2070. Puis une rétro-projection 2011 -> 2016
et 2021 (erreur et couverture des intervalles). Usage :

    python bench/bench_projection.py [--rapide]
"""

from __future__ import annotations

import sys
import tracemalloc

import banc

from models.projection import (
    DonneesProjection,
    Scenario,
    charger_reference,
    estimer_modele,
    projeter,
)
from models.projection.backtest import backtest
from models.projection.synthetique import territoire_synthetique


def mesurer(f, memoire: bool = True):
    """Durée réelle d'un appel, puis (second appel) son pic de mémoire tracée : tracemalloc
    ralentit plusieurs fois le code Python, donc le temps n'est jamais mesuré sous lui."""
    duree, r = banc.chrono(f)
    pic = float("nan")
    if memoire:
        tracemalloc.start()
        f()
        _, pic = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    return r, duree, pic / 1e6


def main(rapide: bool = False) -> None:
    ref = charger_reference()
    lignes = []
    for n in (60, 280, 1200):
        d = DonneesProjection(**territoire_synthetique(n, annees=(2016, 2021), reference=ref))
        modele, t, mem = mesurer(lambda d=d: estimer_modele(d, ref))
        lignes.append((n, "-", "estimation des taux", t, mem))
        for horizon in (2050, 2070):
            sc = Scenario(horizon=horizon)
            projeter(modele, sc)  # échauffement
            res, t, mem = mesurer(lambda sc=sc, mo=modele: projeter(mo, sc))
            lignes.append((n, horizon, "chemin central (1 scénario)", t, mem))
            _, t, mem = mesurer(lambda res=res: type(res).population.func(res))
            lignes.append((n, horizon, f"format long ({len(res.population):,} lignes)", t, mem))
            n_tirages = 200 if n <= 300 else (20 if rapide else 50)
            if rapide and n > 300 and horizon == 2070:
                continue
            _, t, mem = mesurer(
                lambda sc=sc, k=n_tirages, mo=modele: projeter(
                    mo, sc, intervalles=True, n_tirages=k
                ),
                memoire=False,
            )
            lignes.append((n, horizon, f"central + intervalles ({n_tirages} tirages)", t, mem))
    # Cibles de l'issue 4 : un scénario pour 60 communes jusqu'à 2050 < 0,1 s ; 280 communes < 2 s
    # (compris comme estimation + un scénario jusqu'à 2050, tout le coût d'un nouveau territoire).
    cibles = {(60, 2050, "chemin central (1 scénario)"): 0.1}
    print(
        f"{'communes':>8} {'horizon':>7}  {'étape':<42} {'temps (s)':>10} {'mémoire pic (Mo)':>17}"
        f"  cible"
    )
    for n, h, e, t, m in lignes:
        c = cibles.get((n, h, e))
        verdict = f"< {c} s : {'OK' if t < c else 'NON'}" if c else ""
        print(f"{n:>8} {h!s:>7}  {e:<42} {t:>10.3f} {m:>17.1f}  {verdict}")
    est = next(t for n, h, e, t, m in lignes if n == 280 and e == "estimation des taux")
    cen = next(t for n, h, e, t, m in lignes if n == 280 and h == 2050 and e.startswith("chemin"))
    print(
        f"\n280 communes (un département), estimation + un scénario à 2050 : {est + cen:.3f} s "
        f"(cible < 2 s : {'OK' if est + cen < 2 else 'NON'})"
    )

    print(
        "\nRétro-projection 2011 -> 2016, 2021 (territoire synthétique de 60 communes, 100 tirages)"
    )
    d = DonneesProjection(**territoire_synthetique(60, annees=(2006, 2021), reference=ref))
    b = backtest(d, 2011, [2016, 2021], n_tirages=100)
    print(b.couverture.round(3).to_string(index=False))
    e = b.erreurs
    sel = e[
        (e.niveau == "commune")
        & e.groupe_age.isin(["Ensemble", "0-2 ans", "6-10 ans", "75 ans et plus"])
    ]
    print(sel.round(3).to_string(index=False))


if __name__ == "__main__":
    main(rapide="--rapide" in sys.argv)
