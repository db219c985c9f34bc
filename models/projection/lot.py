"""Projection of many communes by blocks of whole EPCIs, on any executor (processes, Dask).

Why blocks: the cost of a projection grows with the number of communes, and most of it, at a
national scale, is the simulation of the 80 %/95 % intervals (Poisson draws for every commune ×
sex × age × year × trajectory, see `uncertainty`), not the rate estimation (linear and vectorised:
~1.3 ms per commune). Blocks are independent, so they spread over processes or a cluster through
`models.execution`, the same code path as the forecast batch.

What a block shares and what it does not: rates are estimated within the block (pooled over its
communes, as for a territory), so blocks should be large enough to pool (a few hundred communes,
e.g. a département). EPCIs are never split, so commune and EPCI intervals are exact; intervals of
aggregates larger than a block (région, France) are not computed by this batch (they would need
the draws of every block). Each block gets its own seed derived from the main one.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np
import pandas as pd

from models.execution import Executeur, ExecuteurLocal

from .entrees import DonneesProjection
from .projection import projeter
from .reference import charger_reference
from .scenario import Scenario
from .taux import estimer_modele


@dataclass
class TacheBloc:
    """One block: its input tables and what to compute (picklable: sent to a worker)."""

    numero: int
    donnees: DonneesProjection
    scenario: dict
    intervalles: bool
    n_tirages: int
    graine: int


@dataclass
class ResultatBloc:
    """What a worker sends back: small tables only (not the full commune × age cube)."""

    numero: int
    communes: int
    totaux: pd.DataFrame  # code_commune, annee, population (central path)
    intervalles: pd.DataFrame | None  # commune and EPCI rows of `intervalles_agreges`
    durees: dict[str, float]


def decouper(donnees: DonneesProjection, communes_par_bloc: int = 400) -> list[DonneesProjection]:
    """Blocks of whole EPCIs of about `communes_par_bloc` communes (in code order)."""
    communes = donnees.communes.sort_values("code_commune")
    taille_epci = communes.groupby("code_epci", sort=False, dropna=False).size()
    blocs, courant, n = [], [], 0
    for epci, taille in taille_epci.items():
        if courant and n + taille > communes_par_bloc:
            blocs.append(courant)
            courant, n = [], 0
        courant.append(epci)
        n += taille
    if courant:
        blocs.append(courant)
    morceaux = []
    for epcis in blocs:
        codes = set(communes.loc[communes["code_epci"].isin(epcis), "code_commune"])
        morceaux.append(donnees.restreindre(codes))
    return morceaux


def projeter_bloc(tache: TacheBloc) -> ResultatBloc:
    """Estimate the block's rates and project it (run by a worker)."""
    durees = {}
    t = time.perf_counter()
    modele = estimer_modele(tache.donnees, charger_reference())
    durees["estimation"] = time.perf_counter() - t
    t = time.perf_counter()
    resultat = projeter(
        modele,
        Scenario.from_dict(tache.scenario),
        intervalles=tache.intervalles,
        n_tirages=tache.n_tirages,
        graine=tache.graine,
    )
    durees["projection"] = time.perf_counter() - t
    cube = resultat.cube  # (années, communes, sexes, âges)
    totaux = pd.DataFrame(
        {
            "code_commune": np.tile(modele.codes, len(resultat.annees)),
            "annee": np.repeat(resultat.annees, len(modele.codes)),
            "population": cube.sum(axis=(2, 3)).ravel(),
        }
    )
    intervalles = None
    if resultat.intervalles_agreges is not None:
        agreges = resultat.intervalles_agreges
        intervalles = agreges[agreges["niveau"].isin(["commune", "epci"])].reset_index(drop=True)
    return ResultatBloc(tache.numero, len(modele.codes), totaux, intervalles, durees)


def projeter_par_blocs(
    donnees: DonneesProjection,
    scenario: Scenario | None = None,
    executeur: Executeur | None = None,
    communes_par_bloc: int = 400,
    intervalles: bool = True,
    n_tirages: int = 200,
    graine: int = 0,
    rappel=None,
) -> list[ResultatBloc]:
    """Project every commune by blocks on `executeur` (default: this process).

    Returns the blocks' results in block order; `rappel(indice, faits, total)` after each block.
    """
    scenario = scenario or Scenario()
    graines = np.random.SeedSequence(graine).generate_state(len(donnees.communes) + 1)
    taches = [
        TacheBloc(i, bloc, scenario.to_dict(), intervalles, n_tirages, int(graines[i]))
        for i, bloc in enumerate(decouper(donnees, communes_par_bloc))
    ]
    return (executeur or ExecuteurLocal()).appliquer(projeter_bloc, taches, rappel)
