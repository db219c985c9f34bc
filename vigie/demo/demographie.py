"""Simulation démographique du territoire fictif, année par année, de 1999 à 2022.

Ce module possède la population par commune × sexe × âge (0..100, 100 = 100 ans et plus) au
1er janvier de 1999 à 2022, et les composantes de chaque année 1999..2021 : naissances par sexe,
décès par sexe et âge, solde migratoire par sexe et âge. Tout est en entiers.

Convention (celle du schéma sql/schema/02_population.sql, âge au 1er janvier = convention de
cohorte). Pour une commune, un sexe et une année t :

* ``deces(t, a)`` pour a >= 1 : décès survenus pendant l'année t parmi les personnes qui avaient
  l'âge a au 1er janvier de t ; ``solde_migratoire(t, a)`` de même (arrivées moins départs).
* âge 0 : ``deces(t, 0)`` et ``solde_migratoire(t, 0)`` regroupent DEUX générations : les enfants
  âgés de 0 an au 1er janvier de t (nés en t-1) ET les enfants nés pendant l'année t.
* équations exactes (par construction, sans tolérance) :

  - pour 2 <= a <= 99 : ``P(t+1, a) = P(t, a-1) - deces(t, a-1) + solde(t, a-1)`` ;
  - âge 100 : ``P(t+1, 100) = somme sur a = 99, 100 de [P(t, a) - deces(t, a) + solde(t, a)]`` ;
  - âges 0 et 1 ensemble : ``P(t+1, 0) + P(t+1, 1) = naissances(t) + P(t, 0) - deces(t, 0)
    + solde(t, 0)``.

  Ainsi chaque total communal vérifie ``P(t+1) = P(t) + naissances - décès + solde``.

Taux utilisés (sources détaillées dans parametres.py et data/demo/README.md) :

* mortalité : quotients par sexe et âge de la France entière (INSEE, fe_dod_quotients_mortalite,
  1999 et 2019), interpolés en log entre 1999 et 2019 et prolongés au même rythme ensuite,
  multipliés par 1,10 (hommes) et 1,04 (femmes) pour la surmortalité bretonne, et par 1,05 en
  2020 et 1,03 en 2021 à 60 ans et plus (covid-19). Une personne d'âge a au 1er janvier meurt
  dans l'année avec la probabilité (q(a) + q(a+1)) / 2 ; à 0 an au 1er janvier : 0,2 q(0) +
  0,5 q(1) ; un nouveau-né de l'année : 0,8 q(0). Tirages binomiaux.
* fécondité : forme par âge INSEE 2013 (projections 2013-2070), décalée de 0,08 an par an,
  recalée sur l'ICF de la Bretagne (1,86 en 1999, 2,02 en 2008-2010, 1,75 en 2021), avec un
  facteur communal tiré entre 0,9 et 1,1 ; 105 garçons pour 100 filles. Tirages de Poisson.
* migrations : profils de solde net par âge et type de commune (ville-centre, littoral,
  intérieur) de parametres.PROFILS_MIGRATOIRES, modulés par commune. Un solde positif est tiré
  selon une loi de Poisson, un solde négatif selon une loi binomiale sur les survivants : aucune
  cohorte ne devient négative. Les nouveau-nés de l'année migrent avec la moitié du taux des 0-14
  ans.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from vigie.demo import parametres as par

ANNEE_DEBUT = 1999
ANNEE_FIN = 2022  # dernière population calculée (1er janvier 2022)
AGES = np.arange(101)
TYPES = ("ville", "littoral", "interieur")


@dataclass
class ResultatDemographique:
    """Tableaux entiers issus de la simulation.

    Attributes:
        population: (annees, communes, 2, 101), 1er janvier de ANNEE_DEBUT..ANNEE_FIN.
        naissances: (annees - 1, communes, 2), années ANNEE_DEBUT..ANNEE_FIN - 1.
        deces: (annees - 1, communes, 2, 101).
        solde: (annees - 1, communes, 2, 101).
        icf: indice conjoncturel appliqué chaque année (territoire entier, avant facteur communal).
    """

    population: np.ndarray
    naissances: np.ndarray
    deces: np.ndarray
    solde: np.ndarray
    icf: dict[int, float]

    @property
    def annees(self) -> list[int]:
        return list(range(ANNEE_DEBUT, ANNEE_FIN + 1))


def quotients(annee: int) -> np.ndarray:
    """Quotients de mortalité (probabilités) par sexe et âge exact 0..101 pour une année.

    Returns:
        Tableau (2, 102) ; la colonne 101 répète le quotient de 100 ans.
    """
    q = np.empty((2, 102))
    for i, sexe in enumerate((1, 2)):
        q99 = np.array(par.QUOTIENTS_MORTALITE_100K[(sexe, 1999)], dtype=float) / 1e5
        q19 = np.array(par.QUOTIENTS_MORTALITE_100K[(sexe, 2019)], dtype=float) / 1e5
        w = (annee - 1999) / 20.0
        qa = np.exp((1 - w) * np.log(q99) + w * np.log(q19)) * par.FACTEUR_MORTALITE_LOCALE[sexe]
        qa[60:] *= par.SURMORTALITE_COVID.get(annee, 1.0)
        q[i, :101] = np.minimum(qa, 0.6)
        q[i, 101] = q[i, 100]
    return q


def probabilites_deces(annee: int) -> tuple[np.ndarray, np.ndarray]:
    """Probabilités de décès dans l'année, cohorte d'âge a au 1er janvier, et nouveau-nés.

    Returns:
        (p, p_nes) : p de forme (2, 101) ; p_nes de forme (2,).
    """
    q = quotients(annee)
    p = (q[:, :101] + q[:, 1:102]) / 2
    part = par.PART_DECES_INFANTILES_ANNEE_NAISSANCE
    p[:, 0] = (1 - part) * q[:, 0] + 0.5 * q[:, 1]
    return p, part * q[:, 0]


def taux_fecondite(annee: int) -> np.ndarray:
    """Taux de fécondité par âge au 1er janvier 0..100 (naissances par femme et par an).

    La forme INSEE 2013 est donnée par âge atteint dans l'année (15..50) ; une femme d'âge a au
    1er janvier atteint a + 1 dans l'année. La somme vaut l'ICF de l'année.
    """
    forme = np.array(par.FECONDITE_2013_10K, dtype=float)
    ages_atteints = par.AGE_MIN_FECONDITE + np.arange(len(forme))
    decalage = par.DECALAGE_AGE_MATERNITE_PAR_AN * (annee - 2013)
    f = np.interp(AGES + 1, ages_atteints + decalage, forme, left=0.0, right=0.0)
    return f / f.sum() * par.ICF_BRETAGNE[annee]


def profil_migratoire() -> np.ndarray:
    """Taux de solde migratoire par type de commune et âge : tableau (3, 101)."""
    t = np.zeros((3, 101))
    for a0, a1, *taux in par.PROFILS_MIGRATOIRES:
        for k, v in enumerate(taux):
            t[k, a0 : a1 + 1] = v
    return t


def population_initiale(
    totaux: np.ndarray, types: list[str], rng: np.random.Generator
) -> np.ndarray:
    """Population au 1er janvier 1999 par commune, sexe et âge (entiers).

    La pyramide France métropolitaine 1999 (INSEE) est vieillie selon le type de commune (le
    territoire compte plus de personnes âgées et moins de jeunes adultes que la France), puis
    chaque total communal est réparti par tirage multinomial.
    """
    base = np.zeros((2, 101))
    for i, sexe in enumerate((1, 2)):
        v = np.array(par.PYRAMIDE_1999_MILLIERS[sexe], dtype=float)
        base[i, :99] = v[:99]
        base[i, 99] = 0.4 * v[99]  # 99 ans et plus réparti entre 99 et 100+
        base[i, 100] = 0.6 * v[99]
    pop = np.zeros((len(totaux), 2, 101), dtype=np.int64)
    penche = {"ville": 0.05, "littoral": 0.42, "interieur": 0.36}
    for c, (total, typ) in enumerate(zip(totaux, types, strict=True)):
        w = base * np.exp(penche[typ] * (AGES - 40) / 40.0)
        if typ != "ville":
            w[:, 18:30] *= 0.75  # jeunes adultes partis étudier ou travailler en ville
        else:
            w[:, 18:30] *= 1.1
        pop[c] = rng.multinomial(int(total), (w / w.sum()).ravel()).reshape(2, 101)
    return pop


def _migrer(effectif: np.ndarray, taux: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Solde migratoire entier : Poisson si taux > 0, moins une binomiale si taux < 0."""
    positif = rng.poisson(np.clip(taux, 0, None) * effectif)
    negatif = rng.binomial(effectif, np.clip(-taux, 0, 1))
    return np.where(taux >= 0, positif, -negatif)


def simuler(
    totaux_1999: np.ndarray,
    types: list[str],
    attractivite: np.ndarray,
    rng: np.random.Generator,
) -> ResultatDemographique:
    """Simule la population de 1999 à 2022 et les composantes de 1999 à 2021.

    Args:
        totaux_1999: population totale de chaque commune au 1er janvier 1999.
        types: type de chaque commune ('ville', 'littoral', 'interieur').
        attractivite: décalage additif du taux migratoire de chaque commune (par an, tous âges
            de 0 à 79 ans), pour différencier les communes d'un même type.
        rng: générateur aléatoire.

    Returns:
        Les tableaux de population et de composantes.
    """
    n = len(totaux_1999)
    nb_annees = ANNEE_FIN - ANNEE_DEBUT + 1
    pop = np.zeros((nb_annees, n, 2, 101), dtype=np.int64)
    nais = np.zeros((nb_annees - 1, n, 2), dtype=np.int64)
    dec = np.zeros((nb_annees - 1, n, 2, 101), dtype=np.int64)
    sol = np.zeros((nb_annees - 1, n, 2, 101), dtype=np.int64)
    pop[0] = population_initiale(totaux_1999, types, rng)

    profil = profil_migratoire()
    k_type = np.array([TYPES.index(t) for t in types])
    taux_mig = profil[k_type]  # (n, 101)
    taux_mig[:, :80] += attractivite[:, None]
    taux_mig = np.repeat(taux_mig[:, None, :], 2, axis=1)  # (n, 2, 101)
    taux_nes = np.repeat(taux_mig[:, :, 0] * 0.5, 1, axis=1)  # (n, 2)
    fecondite_locale = rng.uniform(0.9, 1.1, size=n)
    icf = {}

    for k in range(nb_annees - 1):
        annee = ANNEE_DEBUT + k
        p = pop[k]
        p_deces, p_nes = probabilites_deces(annee)
        d = rng.binomial(p, np.broadcast_to(p_deces, p.shape))
        survivants = p - d
        m = _migrer(survivants, taux_mig, rng)

        f = taux_fecondite(annee)
        icf[annee] = float(f.sum())
        attendues = (p[:, 1, :] * f).sum(axis=1) * fecondite_locale
        total_naissances = rng.poisson(attendues)
        garcons = rng.binomial(total_naissances, par.RAPPORT_MASCULINITE_NAISSANCE)
        b = np.column_stack([garcons, total_naissances - garcons])
        d_nes = rng.binomial(b, np.broadcast_to(p_nes, b.shape))
        m_nes = _migrer(b - d_nes, taux_nes, rng)

        apres = survivants + m
        suivante = np.zeros_like(p)
        suivante[:, :, 1:100] = apres[:, :, 0:99]
        suivante[:, :, 100] = apres[:, :, 99] + apres[:, :, 100]
        suivante[:, :, 0] = b - d_nes + m_nes
        if (suivante < 0).any():  # impossible par construction ; garde-fou
            raise AssertionError(f"population négative en {annee + 1}")

        pop[k + 1] = suivante
        nais[k] = b
        dec[k] = d
        dec[k, :, :, 0] += d_nes
        sol[k] = m
        sol[k, :, :, 0] += m_nes
    return ResultatDemographique(pop, nais, dec, sol, icf)
