"""Le registre unique des candidats de prévision, par nom, avec leur libellé français.

Chaque entrée dit ce dont le candidat a besoin (saison, série positive, longueur minimale) et ce
qu'il accepte (terme d'intervention Covid, population projetée) ; :func:`candidats_pour` en déduit
la liste à essayer pour une série préparée. Les deux références (naïve et naïve saisonnière) sont
toujours calculées quand la longueur le permet (FPP3 § 5.2 : tout modèle doit les battre).

L'ordre du registre est l'ordre de simplicité : à précision presque égale au backtest (tolérance de
:mod:`.backtest`), le plus simple est retenu. La **combinaison** (moyenne des meilleurs candidats
au backtest, Makridakis et al. 2020, compétition M4) n'a pas de fonction propre dans la chaîne :
le backtest la calcule à partir des prévisions de ses constituants, sans ajustement de plus ; appelée
seule (:func:`prevoir`), elle fait la moyenne d'ETS additif, Thêta et SARIMA.

:func:`prevoir` est l'appel direct d'un candidat par son nom (le contrat de :mod:`.contrat`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from . import candidats as c
from .contrat import Prevision, frequence_serie, verifier_horizon
from .preparation import SeriePreparee

#: Constituants de la combinaison appelée seule (dans la chaîne : les meilleurs au backtest).
CONSTITUANTS_PAR_DEFAUT = ("ets_additif", "theta", "sarimax")
#: Nombre de meilleurs candidats moyennés par la combinaison dans la chaîne.
TAILLE_COMBINAISON = 3


def combiner(previsions: list[Prevision]) -> Prevision:
    """Moyenne de prévisions du contrat, période par période (bornes : moyenne des quantiles)."""
    valeurs = np.mean([Prevision.depuis(p).valeurs() for p in previsions], axis=0)
    return Prevision.bornee(Prevision.depuis(previsions[0]).periodes, *valeurs)


def combinaison(
    y: pd.Series, horizon: int, *, constituants: tuple[str, ...] = CONSTITUANTS_PAR_DEFAUT, **kw
) -> Prevision:
    """Combinaison : moyenne des prévisions des ``constituants`` (M4 : les combinaisons de méthodes
    simples battent un modèle choisi seul). Intervalles : moyenne des bornes, recalées ensuite
    par le backtest dans la chaîne."""
    return combiner([REGISTRE[nom].fonction(y, horizon, **kw) for nom in constituants])


@dataclass(frozen=True)
class Candidat:
    """Une méthode de prévision du registre.

    Attributes:
        nom: identifiant stable (colonne ``modele`` des tables de résultats).
        libelle: nom en français pour l'interface.
        fonction: appel du contrat ``f(y, horizon, **kw) -> Prevision`` (tableaux numpy ; un
            ``DataFrame`` du contrat est aussi accepté).
        reference: méthode de référence (benchmark), toujours calculée.
        min_obs: longueur minimale de la série d'apprentissage.
        saisonnier: n'a de sens qu'avec une saison (naïve saisonnière).
        positif: exige une série strictement positive.
        intervention: reçoit l'indicatrice Covid et la série non corrigée.
        exogene: reçoit la population projetée (variable explicative).
        defaut: essayé par défaut ; sinon seulement si on le demande (``candidats=[...]``).
    """

    nom: str
    libelle: str
    fonction: Callable[..., Prevision | pd.DataFrame]
    reference: bool = False
    min_obs: int = 10
    saisonnier: bool = False
    positif: bool = False
    intervention: bool = False
    exogene: bool = False
    defaut: bool = True


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
        Candidat("theta", "Méthode Thêta", c.theta, min_obs=6),
        Candidat("ets_additif", "Lissage exponentiel (ETS, erreur additive)", c.ets_additif),
        Candidat(
            "ets_multiplicatif",
            "Lissage exponentiel (ETS, erreur multiplicative)",
            c.ets_multiplicatif,
            positif=True,
        ),
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
            defaut=False,  # lent (4 variances à estimer) et rarement meilleur : sur demande
        ),
        Candidat(
            "combinaison",
            "Combinaison des meilleurs modèles (moyenne)",
            combinaison,
            min_obs=12,
        ),
    )
}

#: La combinaison est calculée par le backtest, pas ajustée comme les autres candidats.
COMBINAISON = "combinaison"

#: Noms des méthodes de référence, dans l'ordre de préférence pour le repli.
REFERENCES: tuple[str, ...] = tuple(n for n, cand in REGISTRE.items() if cand.reference)


def applicable(cand: Candidat, prep: SeriePreparee, avec_exogene: bool = False) -> bool:
    """Le candidat a-t-il un sens pour cette série préparée (saison, signe, variable, longueur) ?"""
    if cand.saisonnier and not prep.saisonniere:
        return False
    if cand.positif and not prep.strictement_positive:
        return False
    if cand.exogene and not avec_exogene:
        return False
    return len(prep.y) >= cand.min_obs


def candidats_pour(
    prep: SeriePreparee, avec_exogene: bool = False, noms: list[str] | None = None
) -> list[Candidat]:
    """Candidats applicables à une série préparée (références d'abord).

    Args:
        prep: la série préparée.
        avec_exogene: une population projetée est fournie (ajoute ``sarimax_population``).
        noms: restreindre à ces noms (les références restent toujours incluses) ; par défaut, les
            candidats marqués ``defaut``. La combinaison n'est jamais dans la liste : le backtest
            l'ajoute d'après ses constituants.
    """
    if prep.tres_courte:
        return [REGISTRE["naive"]]
    sortie = []
    for cand in REGISTRE.values():
        if cand.nom == COMBINAISON:
            continue
        if noms is not None and cand.nom not in noms and not cand.reference:
            continue
        if noms is None and not cand.defaut:
            continue
        if applicable(cand, prep, avec_exogene):
            sortie.append(cand)
    return sortie


def prevoir(y: pd.Series, horizon: int, modele: str = "ets_additif", **kw) -> pd.DataFrame:
    """L'appel commun : un candidat du registre, par son nom, sur une série déjà régulière.

    Pour la chaîne complète (préparation, backtest, choix du modèle, intervalles recalés,
    garde-fous), utiliser :func:`models.prevision.prevoir_serie`.

    Args:
        y: série régulière (index 'MS' ou 'YS' sans trou).
        horizon: nombre de périodes à prévoir.
        modele: nom d'un candidat de :data:`REGISTRE`.
        **kw: options du candidat (``seasonal_period``, ``exog_past``, ``exog_future``...).

    Returns:
        Le cadre long de colonnes :data:`models.prevision.contrat.COLONNES`.
    """
    frequence_serie(y)
    horizon = verifier_horizon(horizon)
    if modele not in REGISTRE:
        raise ValueError(
            f"Paramètre « modele » : « {modele} » inconnu ; choix possibles : {', '.join(REGISTRE)}."
        )
    return Prevision.depuis(REGISTRE[modele].fonction(y, horizon, **kw)).cadre()
