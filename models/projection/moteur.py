"""Le pas annuel de la projection par composantes, vectorisé sur commune × sexe × âge.

Convention de cohorte (celle de la table ``deces``) : pour l'âge a au 1er janvier de l'année t,

    P(t+1, a+1) = P(t, a) - D(t, a) + M(t, a) + L(t, a+1)

avec D = P × q (quotient local de l'année), M = P × m (taux net de migration) et L les arrivants des
programmes de logement. Les nés de l'année t donnent l'âge 0 au 1er janvier t+1 :
B × (1 - q_naissance) × (1 + m_naissance). Les naissances de l'année sont
B = Σ_a F(t, a) × f(a) (femmes d'âge a au 1er janvier, taux à l'âge atteint a+1), réparties en
garçons et filles selon la part nationale. Âge 100 = 100 ans et plus (groupe ouvert).

Les mêmes fonctions servent au chemin central (déterministe) et aux tirages de l'incertitude :
toutes les opérations acceptent des dimensions de tête supplémentaires (tirages).
"""

from __future__ import annotations

import numpy as np


def vieillir(survivants: np.ndarray, age0: np.ndarray) -> np.ndarray:
    """Décale d'un an d'âge ; le groupe 100+ reçoit les 99 ans et reste ouvert."""
    nouveau = np.empty_like(survivants)
    nouveau[..., 1:100] = survivants[..., 0:99]
    nouveau[..., 100] = survivants[..., 99] + survivants[..., 100]
    nouveau[..., 0] = age0
    return nouveau


def pas_annuel(
    P: np.ndarray,
    q: np.ndarray,
    f: np.ndarray,
    m: np.ndarray,
    m_naiss: np.ndarray,
    q_naiss: np.ndarray,
    part_garcons: float,
    arrivees: np.ndarray | None = None,
    tirage=None,
):
    """Un pas annuel t -> t+1.

    Args:
        P: population au 1er janvier, (..., C, 2, 101).
        q: quotients de mortalité de l'année, diffusables sur P.
        f: taux de fécondité par âge des femmes, (..., C, 101).
        m: taux nets de migration, diffusables sur P.
        m_naiss: solde migratoire des nés de l'année par naissance, (..., C, 2).
        q_naiss: quotient des nés de l'année avant le 1er janvier, (..., C, 2).
        part_garcons: part des garçons parmi les naissances.
        arrivees: arrivants des programmes de logement (..., C, 2, 101) au 1er janvier t+1.
        tirage: ``None`` (chemin central) ou une fonction ``tirage(naissances, deces, migrations)``
            qui renvoie des composantes aléatoires de même forme (module ``incertitude``).

    Returns:
        (P_suivante, naissances (..., C), deces (..., C), migrations (..., C), nb_negatifs (..., C))
    """
    B = np.einsum("...ca,...ca->...c", P[..., 1, :], f)
    D = P * q
    M = P * m
    if tirage is not None:
        B, D, M = tirage(B, D, M, P)
    Bs = np.stack([B * part_garcons, B * (1.0 - part_garcons)], axis=-1)
    D0 = Bs * q_naiss
    M0 = Bs * m_naiss
    surv = P - D + M
    nouveau = vieillir(surv, Bs - D0 + M0)
    if arrivees is not None:
        nouveau = nouveau + arrivees
    negatifs = nouveau < 0
    n_neg = negatifs.sum(axis=(-2, -1))
    if n_neg.any():
        nouveau = np.where(negatifs, 0.0, nouveau)
    return (
        nouveau,
        B,
        D.sum(axis=(-2, -1)) + D0.sum(axis=-1),
        M.sum(axis=(-2, -1)) + M0.sum(axis=-1),
        n_neg,
    )
