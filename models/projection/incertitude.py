"""Intervalles de projection à 80 % et 95 % par **simulation des composantes**.

Méthode retenue (et non des erreurs empiriques de rétro-projection) : ``n_tirages`` trajectoires
(200 par défaut, graine fixée) déroulent le même pas annuel que le chemin central avec des aléas :

1. **Aléa démographique** (taille de population) : naissances et décès de Poisson (décès bornés
   par l'effectif) ; solde migratoire = entrées - sorties, deux Poisson de moyenne
   ``mobilite × P / 2`` plus le solde attendu (``mobilite`` = part de personnes changeant de
   commune chaque année, 6 % par défaut). Des lois de Poisson plutôt que des lois normales
   tronquées : la troncature biaisait vers le haut les décès des petites cellules.
2. **Aléa sur les taux**, persistant : marche aléatoire du taux net de migration de chaque commune
   (écart type annuel ``sigma_migration + sigma_migration_taille / sqrt(population)``, plus une
   composante commune au territoire), de la fécondité (log, commune et territoire) et de la
   mortalité (log de l'ICM, territoire), et erreur d'estimation initiale du taux migratoire
   (``sqrt(mobilite / exposition)``). C'est cette marche aléatoire qui fait s'élargir les
   intervalles avec l'horizon, plus vite pour les petites communes.

Les bornes sont les quantiles 2,5/10/90/97,5 % des tirages, élargies au besoin pour contenir le
chemin central. Les agrégats (commune, EPCI, territoire × groupes d'âges) ont leurs propres
quantiles, calculés sur les sommes de chaque tirage (les bornes ne s'additionnent pas).
Le calage des dispersions est vérifié par ``backtest`` (taux de couverture observé).

3. **Erreur de modèle** (issue 19) : l'aléa simulé ne couvre pas les tendances imprévues (la
   fourchette à 80 % des 85 ans et plus ne contenait l'observé que pour 16 à 86 % des
   départements selon la fenêtre). ``ParametresIncertitude.calibrage`` ajoute, en variance, un
   écart type relatif par groupe d'âges et horizon mesuré sur les rétro-projections
   départementales 1976-2021 (``calage_intervalles``) ; ``calibrage=None`` garde l'aléa seul.
Les tirages sont faits par paquets d'EPCI entiers pour borner la mémoire.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .calage_intervalles import (
    Z,
    charger_calibrage,
    elargir,
    groupe_cale,
    sigma_a_horizon,
    sigma_par_age,
)
from .groupes import AGE_MAX, ENSEMBLE, GROUPES_SERVICES
from .moteur import pas_annuel
from .reference import N_AGES

QUANTILES = {"bas_95": 0.025, "bas_80": 0.10, "haut_80": 0.90, "haut_95": 0.975}


@dataclass
class ParametresIncertitude:
    """Dispersions des aléas (par an). Valeurs par défaut : hypothèses Vigie vérifiées par backtest.

    ``sigma_fecondite_commun`` = 0,025 (0,012 auparavant) : écart type annuel des variations du
    logarithme des naissances par femme de 15-49 ans en France métropolitaine, 1975-2018, mesuré
    sur les données INSEE (naissances mensuelles, série 000436391, et pyramides
    ``donnees_pyramide_act_fm.csv``) : 0,022 par an, 0,081 sur dix ans (0,081 / √10 ≈ 0,026). Avec
    0,012, la rétro-projection 2011 -> 2021 du territoire de démonstration ne couvrait les 0-2 ans
    d'aucun EPCI à 80 % (couverture EPCI à dix ans : 82 % à 80 %, 91 % à 95 %) ; avec 0,025 :
    88 % et 100 % (voir ``bench/bench_projection.py``).

    ``sigma_migration`` = 0,0015 (0,001 auparavant) : sur données réelles (rétro-projection
    2006-2011 -> 2021 des 100 départements, ``bench/validation_projection.py``), la fourchette à
    80 % de la population totale ne contenait l'observé que pour 64 % des départements (84 % à
    95 %) ; avec 0,0015 : 80 % et 95 %. Pour les 75 ans et plus : 71 % et 92 % (un peu étroit).
    """

    mobilite: float = 0.06
    sigma_migration: float = 0.0015
    sigma_migration_taille: float = 0.05
    sigma_migration_commun: float = 0.0007
    sigma_fecondite: float = 0.015
    sigma_fecondite_commun: float = 0.025
    sigma_mortalite_commun: float = 0.008
    cellules_par_paquet: int = 2_000_000
    # erreur de modèle mesurée en rétro-projection (``calage_intervalles``) ; None : aléa seul
    calibrage: pd.DataFrame | None = field(default_factory=charger_calibrage)


def _groupes(groupes_age: dict[str, tuple[int, int]]):
    noms = ["Ensemble"] + list(groupes_age)
    G = np.zeros((N_AGES, len(noms)))
    G[:, 0] = 1
    for j, (a0, a1) in enumerate(groupes_age.values(), start=1):
        G[a0 : a1 + 1, j] = 1
    return noms, G


def simuler_intervalles(
    res, traj, n_tirages: int = 200, graine: int = 0, parametres=None, groupes_age=None
) -> None:
    """Calcule ``res.bornes`` et ``res.intervalles_agreges`` (modifie ``res`` en place).

    Args:
        groupes_age: groupes des intervalles agrégés (``GROUPES_SERVICES`` par défaut).
    """
    prm = parametres or ParametresIncertitude()
    mod = res.modele
    rng = np.random.default_rng(graine)
    T, C = len(traj.annees), mod.n_communes
    N = n_tirages
    noms, G = _groupes(groupes_age or GROUPES_SERVICES)
    ng = len(noms)

    # chocs communs au territoire (mêmes pour tous les paquets)
    cum = lambda x: np.cumsum(x, axis=1)  # noqa: E731
    choc_mig_commun = cum(rng.normal(0, prm.sigma_migration_commun, (N, T)))
    choc_fec_commun = cum(rng.normal(0, prm.sigma_fecondite_commun, (N, T)))
    choc_mort_commun = cum(rng.normal(0, prm.sigma_mortalite_commun, (N, T)))

    bornes = {k: np.empty((T + 1, C, 2, N_AGES)) for k in QUANTILES}
    for k in bornes:
        bornes[k][0] = mod.population_base
    epcis, epci_idx = np.unique(mod.code_epci, return_inverse=True)
    sommes_epci = np.zeros((T + 1, N, len(epcis), ng))
    sommes_terr = np.zeros((T + 1, N, ng))
    lignes_communes = []

    # paquets d'EPCI entiers
    taille_max = max(1, prm.cellules_par_paquet // (N * 2 * N_AGES))
    ordre = np.argsort(epci_idx, kind="stable")
    paquets, courant, n_courant = [], [], 0
    for e in range(len(epcis)):
        membres = ordre[epci_idx[ordre] == e]
        if courant and n_courant + len(membres) > taille_max:
            paquets.append(np.concatenate(courant))
            courant, n_courant = [], 0
        courant.append(membres)
        n_courant += len(membres)
    if courant:
        paquets.append(np.concatenate(courant))

    pg = traj.part_garcons
    for idx in paquets:
        c = len(idx)
        P = np.broadcast_to(mod.population_base[idx], (N, c, 2, N_AGES)).copy()
        taille = np.maximum(mod.population_base[idx].sum(axis=(1, 2)), 1.0)
        sig_m = prm.sigma_migration + prm.sigma_migration_taille / np.sqrt(taille)
        err0 = np.sqrt(prm.mobilite / np.maximum(mod.exposition_migration[idx], 1.0))
        choc_m = rng.normal(0, 1, (N, c)) * err0
        choc_f = np.zeros((N, c))
        agg = np.empty((T + 1, N, c, ng))
        agg[0] = P.sum(axis=2) @ G
        for i in range(T):
            choc_m = choc_m + rng.normal(0, 1, (N, c)) * sig_m
            choc_f = choc_f + rng.normal(0, prm.sigma_fecondite, (N, c))
            m = traj.m[idx][None] + (choc_m + choc_mig_commun[:, i, None])[:, :, None, None]
            f = traj.f[i][idx][None] * np.exp(choc_f + choc_fec_commun[:, i, None])[:, :, None]
            q = np.minimum(
                traj.q[i][idx][None] * np.exp(choc_mort_commun[:, i])[:, None, None, None], 1.0
            )

            def tirage(B, D, M, P):
                B = rng.poisson(np.maximum(B, 0)).astype(float)
                D = np.minimum(rng.poisson(np.maximum(D, 0)), P)
                # solde = entrées - sorties, deux Poisson (mobilité brute autour du solde attendu)
                brut = 0.5 * prm.mobilite * np.maximum(P, 0)
                entrees = rng.poisson(brut + np.maximum(M, 0))
                sorties = rng.poisson(brut + np.maximum(-M, 0))
                M = np.maximum(entrees - sorties, -(P - D))
                return B, D, M

            P, *_ = pas_annuel(
                P, q, f, m, traj.m_naiss[idx][None], traj.q_naiss[i][idx][None], pg,
                traj.arrivees[i][idx][None], tirage=tirage,
            )  # fmt: skip
            qs = np.quantile(P, list(QUANTILES.values()), axis=0)
            for j, k in enumerate(QUANTILES):
                bornes[k][i + 1, idx] = qs[j]
            agg[i + 1] = P.sum(axis=2) @ G
        # agrégats : communes, EPCI, territoire
        np.add.at(sommes_epci, (slice(None), slice(None), epci_idx[idx]), agg)
        sommes_terr += agg.sum(axis=2)
        qc = np.quantile(agg, list(QUANTILES.values()), axis=1)  # (4, T+1, c, ng)
        lignes_communes.append((mod.codes[idx], qc))

    # le chemin central reste dans les intervalles
    for k in QUANTILES:
        if k.startswith("bas"):
            bornes[k] = np.minimum(bornes[k], res.cube)
        else:
            bornes[k] = np.maximum(bornes[k], res.cube)
    cal = prm.calibrage
    if cal is not None:
        for i in range(1, T + 1):
            for niv in ("80", "95"):
                sig = sigma_par_age(cal, i, niv)[None, None, :]
                bas, haut = elargir(
                    res.cube[i], bornes[f"bas_{niv}"][i], bornes[f"haut_{niv}"][i], sig, Z[niv]
                )
                bornes[f"bas_{niv}"][i], bornes[f"haut_{niv}"][i] = np.maximum(bas, 0.0), haut
    res.bornes = bornes

    annees = res.annees
    central_c = res.cube.sum(axis=2) @ G  # (T+1, C, ng)
    tables = []

    def table(niveau, codes, central, q):
        A, K, _ = central.shape
        df = pd.DataFrame(
            {
                "niveau": niveau,
                "code": np.tile(np.repeat(codes, ng), A),
                "annee": np.repeat(annees, K * ng),
                "groupe_age": np.tile(noms, A * K),
                "population": central.ravel(),
            }
        )
        for j, k in enumerate(QUANTILES):
            df[k] = q[j].ravel()
        return df

    pos = {c: i for i, c in enumerate(mod.codes)}
    for codes, qc in lignes_communes:
        ii = [pos[c] for c in codes]
        tables.append(table("commune", codes, central_c[:, ii], qc))
    central_e = np.zeros((T + 1, len(epcis), ng))
    np.add.at(central_e, (slice(None), epci_idx), central_c)
    tables.append(
        table("epci", epcis, central_e, np.quantile(sommes_epci, list(QUANTILES.values()), axis=1))
    )
    tables.append(
        table(
            "territoire",
            np.unique(mod.code_territoire)[:1],
            central_c.sum(axis=1, keepdims=True),
            np.quantile(sommes_terr, list(QUANTILES.values()), axis=1)[:, :, None, :],
        )
    )
    out = pd.concat(tables, ignore_index=True)
    if cal is not None:
        bornes_groupes = {ENSEMBLE: (0, AGE_MAX), **(groupes_age or GROUPES_SERVICES)}
        h = (out["annee"] - annees[0]).to_numpy()
        for nom, idx in out.groupby("groupe_age").indices.items():
            g = groupe_cale(*bornes_groupes[nom])
            for niv in ("80", "95"):
                sig = sigma_a_horizon(cal, g, h[idx], niv)
                bas, haut = elargir(
                    out["population"].to_numpy()[idx],
                    out[f"bas_{niv}"].to_numpy()[idx],
                    out[f"haut_{niv}"].to_numpy()[idx],
                    sig,
                    Z[niv],
                )
                out.loc[out.index[idx], f"bas_{niv}"] = np.maximum(bas, 0.0)
                out.loc[out.index[idx], f"haut_{niv}"] = haut
    out["bas_80"] = np.minimum(out["bas_80"], out["population"])
    out["bas_95"] = np.minimum(out["bas_95"], out["population"])
    out["haut_80"] = np.maximum(out["haut_80"], out["population"])
    out["haut_95"] = np.maximum(out["haut_95"], out["population"])
    res.intervalles_agreges = out
    res.methode_intervalles = (
        f"Simulation des composantes ({N} tirages, graine {graine}) : aléa démographique "
        "(Poisson/binomial) et marches aléatoires des taux de migration, fécondité et mortalité"
        + (
            " ; plus l'erreur de modèle mesurée en rétro-projection sur les départements "
            "(1976-2021), par groupe d'âges et horizon, ajoutée en variance."
            if cal is not None
            else "."
        )
    )
