"""Ménages et résidences principales nécessaires, à partir de la population projetée par âge.

Méthode (celle des projections de ménages de l'INSEE, Omphale, sous une forme simplifiée) : le
nombre de ménages est la somme, âge par âge, de la population multipliée par un **taux de
personne de référence** (part des habitants de cet âge qui sont « personne de référence » d'un
ménage ; un ménage occupe une résidence principale). Les taux sont ceux de
``data/reference/taux_personne_reference.csv`` : forme par âge type, niveau recalé sur la taille
moyenne publiée des ménages (INSEE, RP2021 : 2,16 personnes par résidence principale).

Hypothèse : comportements de cohabitation **figés** au niveau de l'année de base (l'INSEE prolonge
en plus la tendance à la baisse des taux de vie en couple ; cela ajouterait des ménages). La taille
moyenne des ménages baisse donc ici par le seul vieillissement. Les taux s'appliquent à toute la
population de l'âge (y compris les ~2 % d'habitants vivant en communauté, surtout en EHPAD aux
grands âges) : c'est une approximation assumée, à remplacer par les taux du territoire.

Besoin en résidences principales = ménages ; le besoin supplémentaire est l'écart à l'année de
base (il ne compte ni le renouvellement du parc, ni la vacance, ni les résidences secondaires).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from .reference import DOSSIER_REFERENCE, N_AGES

FICHIER_TAUX = "taux_personne_reference.csv"
TAILLE_MOYENNE_PUBLIEE = (
    2.16  # INSEE, RP2021, France hors Mayotte (insee.fr/fr/statistiques/2381486)
)


def charger_taux(dossier: Path | str | None = None) -> np.ndarray:
    """Taux de personne de référence par âge détaillé 0..100 (forme (101,)).

    Raises:
        ValueError: fichier incomplet (un âge sans taux) ou taux hors de [0, 1], message en français.
    """
    chemin = Path(dossier or DOSSIER_REFERENCE) / FICHIER_TAUX
    table = pd.read_csv(chemin, comment="#")
    taux = np.full(N_AGES, np.nan)
    for ligne in table.itertuples():
        if not 0 <= ligne.taux <= 1:
            raise ValueError(
                f"{chemin.name}, âges {ligne.age_min}-{ligne.age_max} : taux {ligne.taux} hors de "
                "[0, 1] (part des habitants qui sont personne de référence d'un ménage)."
            )
        taux[int(ligne.age_min) : int(ligne.age_max) + 1] = ligne.taux
    if np.isnan(taux).any():
        manquant = int(np.flatnonzero(np.isnan(taux))[0])
        raise ValueError(f"{chemin.name} : aucun taux pour l'âge {manquant} ; couvrez 0 à 100 ans.")
    return taux


def calibrer_taux(profil: np.ndarray, population: np.ndarray, taille_moyenne: float) -> np.ndarray:
    """Recale un profil de taux par âge pour qu'une population (par âge) ait la taille moyenne de
    ménage donnée : ``population.sum() / (profil * population).sum() == taille_moyenne``."""
    menages = float((np.asarray(profil) * np.asarray(population)).sum())
    if menages <= 0:
        raise ValueError("calibrer_taux : le profil ne donne aucun ménage pour cette population.")
    return np.asarray(profil) * float(np.sum(population)) / (taille_moyenne * menages)


def projeter_menages(population: pd.DataFrame, taux: np.ndarray | None = None) -> pd.DataFrame:
    """Ménages et résidences principales nécessaires.

    Args:
        population: colonnes ``age`` (0..100), ``population`` et des clés quelconques (``scenario``,
            ``annee``, ``code_commune``...) ; les sexes éventuels sont sommés.
        taux: taux par âge (101,) ; par défaut ``charger_taux()``.

    Returns:
        Une ligne par combinaison de clés : ``population``, ``menages`` (= résidences principales
        nécessaires), ``taille_moyenne`` (habitants par ménage).
    """
    taux = charger_taux() if taux is None else np.asarray(taux, float)
    if len(taux) != N_AGES:
        raise ValueError(f"taux : {N_AGES} valeurs attendues (âges 0 à 100), reçu {len(taux)}.")
    manquantes = {"age", "population"} - set(population.columns)
    if manquantes:
        raise ValueError(f"population : colonne(s) manquante(s) {', '.join(sorted(manquantes))}.")
    cles = [c for c in population.columns if c not in ("age", "population", "sexe")]
    d = population.assign(
        menages=population["population"].to_numpy(float)
        * taux[population["age"].to_numpy(int).clip(0, 100)]
    )
    if cles:
        res = d.groupby(cles, as_index=False, observed=True)[["population", "menages"]].sum()
    else:
        res = pd.DataFrame({"population": [d["population"].sum()], "menages": [d["menages"].sum()]})
    res["taille_moyenne"] = res["population"] / res["menages"].where(res["menages"] > 0)
    return res
