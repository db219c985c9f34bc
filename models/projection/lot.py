"""Projection de nombreuses communes par blocs d'EPCI entiers, sur tout exécuteur (processus, Dask).

Pourquoi des blocs : le coût d'une projection croît avec le nombre de communes, et l'essentiel, à
l'échelle nationale, vient de la simulation des intervalles 80 %/95 % (tirages de Poisson pour
chaque commune × sexe × âge × année × trajectoire, voir `incertitude`), non de l'estimation des
taux (linéaire et vectorisée : ~1,3 ms par commune). Les blocs sont indépendants : ils se
répartissent sur des processus ou un cluster par `models.execution`, le même chemin de code que le
lot de prévisions.

Ce qu'un bloc partage et ce qu'il ne partage pas : les taux sont estimés dans le bloc (mis en
commun sur ses communes, comme pour un territoire) ; les blocs doivent donc être assez grands pour
cette mise en commun (quelques centaines de communes, par exemple un département). Les EPCI ne sont
jamais coupés, si bien que les intervalles des communes et des EPCI sont exacts ; les intervalles
des agrégats plus grands qu'un bloc (région, France) ne sont pas calculés par ce lot (il leur
faudrait les tirages de tous les blocs). Chaque bloc reçoit sa propre graine, dérivée de la graine
principale.
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
    """Un bloc : ses tables d'entrée et ce qu'il faut calculer (picklable : envoyé à un worker)."""

    numero: int
    donnees: DonneesProjection
    scenario: dict
    intervalles: bool
    n_tirages: int
    graine: int


@dataclass
class ResultatBloc:
    """Ce que renvoie un worker : de petites tables seulement (pas le cube entier commune × âge)."""

    numero: int
    communes: int
    totaux: pd.DataFrame  # code_commune, annee, population (chemin central)
    intervalles: pd.DataFrame | None  # lignes commune et EPCI de `intervalles_agreges`
    durees: dict[str, float]


def decouper(donnees: DonneesProjection, communes_par_bloc: int = 400) -> list[DonneesProjection]:
    """Blocs d'EPCI entiers d'environ `communes_par_bloc` communes (dans l'ordre des codes)."""
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
    """Estime les taux du bloc et le projette (exécuté par un worker)."""
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
    """Projette toutes les communes par blocs sur `executeur` (par défaut : ce processus).

    Renvoie les résultats des blocs dans l'ordre des blocs ; `rappel(indice, faits, total)` est
    appelé après chaque bloc.
    """
    scenario = scenario or Scenario()
    graines = np.random.SeedSequence(graine).generate_state(len(donnees.communes) + 1)
    taches = [
        TacheBloc(i, bloc, scenario.to_dict(), intervalles, n_tirages, int(graines[i]))
        for i, bloc in enumerate(decouper(donnees, communes_par_bloc))
    ]
    return (executeur or ExecuteurLocal()).appliquer(projeter_bloc, taches, rappel)
