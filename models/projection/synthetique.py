"""Territoire synthétique pour les tests et les mesures de vitesse (pas une donnée réelle).

Les communes ont des tailles log-normales, une pyramide issue de la table de mortalité nationale
avec un « baby-boom », des profils migratoires propres (départ des 18-25 ans, arrivée de familles
ou de retraités) ; la série annuelle (population, naissances, décès) est simulée avec des aléas de
Poisson par le moteur lui-même. Seed fixe : résultats reproductibles.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .moteur import vieillir
from .reference import N_AGES, ReferenceNationale, charger_reference


def territoire_synthetique(
    n_communes: int = 60,
    annees: tuple[int, int] = (2011, 2021),
    taille_epci: int = 12,
    graine: int = 1,
    reference: ReferenceNationale | None = None,
    population_mediane: float = 700.0,
) -> dict[str, pd.DataFrame]:
    """Renvoie ``{"population", "naissances", "deces", "communes"}`` au format du contrat d'entrée.

    La population est fournie pour chaque 1er janvier de ``annees[0]`` à ``annees[1]`` ; les
    naissances et décès pour chaque année de ``annees[0]`` à ``annees[1] - 1``.
    """
    rng = np.random.default_rng(graine)
    ref = reference or charger_reference()
    C = n_communes
    a = np.arange(N_AGES)
    taille = np.exp(rng.normal(np.log(population_mediane), 1.1, C)).clip(60, 60_000)
    taille[0] = max(taille.max() * 1.5, 15_000)  # une ville-centre
    survie = np.cumprod(np.r_[1.0, 1 - ref.q_cohorte[:, :-1].mean(axis=0)])
    boom = 1 + 0.35 * np.exp(-0.5 * ((a - 62) / 8) ** 2)
    forme = survie * boom * (0.8 + 0.2 * (a < 45))
    forme = np.stack([forme, forme * np.where(a > 60, 1.15, 1.0)])
    forme /= forme.sum()
    P = taille[:, None, None] * forme[None] * rng.gamma(30, 1 / 30, (C, 2, N_AGES))
    # profils migratoires
    jeunes = -0.06 * np.exp(-0.5 * ((a - 20) / 3) ** 2)
    familles = 0.025 * (np.exp(-0.5 * ((a - 33) / 6) ** 2) + 0.6 * np.exp(-a / 6))
    retraites = 0.01 * np.exp(-0.5 * ((a - 64) / 5) ** 2)
    coef = rng.normal([1, 0.8, 0.5], [0.3, 0.6, 0.6], (C, 3))
    coef[0] = [-1.5, -0.5, -0.2]  # la ville attire les étudiants, perd des familles
    m = coef[:, 0, None] * jeunes + coef[:, 1, None] * familles + coef[:, 2, None] * retraites
    m = m - rng.normal(0.002, 0.004, C)[:, None]
    m = np.repeat(m[:, None, :], 2, axis=1)
    ffec = rng.normal(1.0, 0.12, C).clip(0.6, 1.5) * 0.93
    icm = rng.normal(1.0, 0.08, C).clip(0.7, 1.4)
    pg = ref.parametre("part_garcons")
    pops, nais, dec = [], [], []
    codes = [f"{29000 + 3 * i:05d}" for i in range(C)]
    for t in range(annees[0], annees[1] + 1):
        pops.append(P.copy())
        if t == annees[1]:
            break
        q = np.minimum(ref.q_cohorte * np.exp(-ref.baisse_cohorte * (t - ref.annee_base)), 1)
        q = np.minimum(q[None] * icm[:, None, None], 1)
        D = rng.poisson(P * q).astype(float)
        D = np.minimum(D, P)
        B = rng.poisson(
            (P[:, 1, :] * ref.fecondite_cohorte[None] * ffec[:, None]).sum(axis=1)
        ).astype(float)
        Bs = np.stack([rng.binomial(B.astype(int), pg), np.zeros(C)], axis=1).astype(float)
        Bs[:, 1] = B - Bs[:, 0]
        M = P * m + rng.normal(0, np.sqrt(0.05 * P + 1e-9))
        age0 = Bs * (1 - ref.q_naissance) * (1 + m[:, :, 0])
        P = np.maximum(vieillir(P - D + M, age0), 0.0)
        nais.append((t, Bs))
        dec.append((t, D))

    def long(arrs, nom, avec_age=True):
        morceaux = []
        for t, x in arrs:
            if avec_age:
                ci, s, ag = np.indices(x.shape).reshape(3, -1)
                morceaux.append(
                    pd.DataFrame(
                        {
                            "code_commune": np.array(codes)[ci],
                            "annee": t,
                            "sexe": s + 1,
                            "age": ag,
                            nom: x.ravel(),
                        }
                    )
                )
            else:
                ci, s = np.indices(x.shape).reshape(2, -1)
                morceaux.append(
                    pd.DataFrame(
                        {
                            "code_commune": np.array(codes)[ci],
                            "annee": t,
                            "sexe": s + 1,
                            nom: x.ravel(),
                        }
                    )
                )
        return pd.concat(morceaux, ignore_index=True)

    annees_pop = range(annees[0], annees[1] + 1)
    population = long(
        list(zip(annees_pop, [np.round(p, 1) for p in pops], strict=True)), "population"
    )
    communes = pd.DataFrame({
        "code_commune": codes,
        "code_epci": [f"2400{i // taille_epci:05d}" for i in range(C)],
        "code_territoire": "PAYS01",
    })  # fmt: skip
    return {
        "population": population,
        "naissances": long(nais, "naissances", avec_age=False),
        "deces": long(dec, "deces"),
        "communes": communes,
    }
