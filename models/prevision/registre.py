"""Le registre unique des candidats de prévision, par nom, avec leur libellé français.

Chaque entrée dit ce dont le candidat a besoin (saison, série positive, longueur minimale) et ce
qu'il accepte (terme d'intervention Covid, population projetée) ; :func:`candidats_pour` en déduit
la liste à essayer pour une série préparée. Les deux références (naïve et naïve saisonnière) sont
toujours calculées quand la longueur le permet (FPP3 § 5.2 : tout modèle doit les battre).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from . import candidats as c
from .preparation import SeriePreparee


@dataclass(frozen=True)
class Candidat:
    """Une méthode de prévision du registre.

    Attributes:
        nom: identifiant stable (colonne ``modele`` des tables de résultats).
        libelle: nom en français pour l'interface.
        fonction: appel du contrat ``f(y, horizon, **kw) -> DataFrame``.
        reference: méthode de référence (benchmark), toujours calculée.
        min_obs: longueur minimale de la série d'apprentissage.
        saisonnier: n'a de sens qu'avec une saison (naïve saisonnière).
        positif: exige une série strictement positive.
        intervention: reçoit l'indicatrice Covid et la série non corrigée.
        exogene: reçoit la population projetée (variable explicative).
    """

    nom: str
    libelle: str
    fonction: Callable[..., pd.DataFrame]
    reference: bool = False
    min_obs: int = 10
    saisonnier: bool = False
    positif: bool = False
    intervention: bool = False
    exogene: bool = False


REGISTRE: dict[str, Candidat] = {
    cand.nom: cand
    for cand in (
        Candidat("naive", "Reconduction de la dernière valeur", c.naive, reference=True, min_obs=2),
        Candidat(
            "naive_saisonniere",
            "Reconduction de la même période de l'année précédente",
            c.naive_saisonniere,
            reference=True,
            min_obs=13,
            saisonnier=True,
        ),
        Candidat("ets_additif", "Lissage exponentiel (ETS, erreur additive)", c.ets_additif),
        Candidat(
            "ets_multiplicatif",
            "Lissage exponentiel (ETS, erreur multiplicative)",
            c.ets_multiplicatif,
            positif=True,
        ),
        Candidat("theta", "Méthode Thêta", c.theta, min_obs=6),
        Candidat("sarimax", "Modèle SARIMA", c.sarimax, min_obs=12, intervention=True),
        Candidat(
            "sarimax_population",
            "Modèle SARIMA avec la population projetée",
            c.sarimax,
            min_obs=12,
            intervention=True,
            exogene=True,
        ),
        Candidat(
            "composantes_inobservees",
            "Modèle à composantes inobservées (tendance et saison)",
            c.composantes_inobservees,
            min_obs=12,
            intervention=True,
        ),
    )
}

#: Noms des méthodes de référence, dans l'ordre de préférence pour le repli.
REFERENCES: tuple[str, ...] = tuple(n for n, cand in REGISTRE.items() if cand.reference)


def candidats_pour(
    prep: SeriePreparee, avec_exogene: bool = False, noms: list[str] | None = None
) -> list[Candidat]:
    """Candidats applicables à une série préparée (références d'abord).

    Args:
        prep: la série préparée.
        avec_exogene: une population projetée est fournie (ajoute ``sarimax_population``).
        noms: restreindre à ces noms (les références restent toujours incluses).
    """
    if prep.tres_courte:
        return [REGISTRE["naive"]]
    sortie = []
    for cand in REGISTRE.values():
        if noms is not None and cand.nom not in noms and not cand.reference:
            continue
        if cand.saisonnier and not prep.saisonniere:
            continue
        if cand.positif and not prep.strictement_positive:
            continue
        if cand.exogene and not avec_exogene:
            continue
        if len(prep.y) < cand.min_obs:
            continue
        sortie.append(cand)
    return sortie
