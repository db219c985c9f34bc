"""Éclatement de groupes d'âges quinquennaux en âges détaillés (0..100).

Méthode : interpolation cubique monotone (Hermite, Fritsch et Carlson 1980, ``scipy``
``PchipInterpolator``) de l'effectif **cumulé** aux bornes des groupes, puis différence d'un âge au
suivant. Les totaux de chaque groupe sont conservés exactement, et les effectifs détaillés ne sont
jamais négatifs (le cumul interpolé reste croissant). C'est la variante « monotone » des méthodes
d'interpolation du cumul (Beers, Sprague) décrites par Shryock et Siegel, *The Methods and
Materials of Demography*, ch. 22 ; les multiplicateurs de Sprague peuvent, eux, produire des
valeurs négatives aux âges élevés pour de petits effectifs.

Le groupe ouvert (ex. « 95 ans et plus ») est fermé à ``age_fermeture`` (105 par défaut), puis les
âges 100 et plus sont regroupés dans l'âge 100.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy.interpolate import PchipInterpolator


def eclater_vecteur(
    bornes_debut: np.ndarray, effectifs: np.ndarray, age_fermeture: int = 105
) -> np.ndarray:
    """Éclate un vecteur d'effectifs par groupes en 101 âges (0..99 et 100+).

    Args:
        bornes_debut: âge de début de chaque groupe, croissant, le premier égal à 0 ; le dernier
            groupe est ouvert.
        effectifs: effectif de chaque groupe (même longueur).
        age_fermeture: âge auquel on ferme le groupe ouvert.

    Returns:
        tableau de 101 effectifs dont la somme par groupe égale l'entrée.
    """
    debut = np.asarray(bornes_debut, float)
    eff = np.clip(np.asarray(effectifs, float), 0, None)
    if debut[0] != 0 or np.any(np.diff(debut) <= 0):
        raise ValueError("bornes_debut : âges de début croissants commençant à 0 attendus.")
    noeuds = np.append(debut, max(age_fermeture, debut[-1] + 1))
    cumul = np.concatenate([[0.0], np.cumsum(eff)])
    # noeuds identiques de cumul (groupes vides) : PCHIP reste plat, donc sans négatif
    f = PchipInterpolator(noeuds, cumul)
    ages = np.arange(0, noeuds[-1] + 1)
    c = f(ages)
    c = np.maximum.accumulate(c)
    detail = np.diff(c)  # âge a = cumul(a + 1) - cumul(a)
    resultat = np.zeros(101)
    resultat[:100] = detail[:100]
    resultat[100] = detail[100:].sum()
    return resultat


def eclater_groupes(
    df: pd.DataFrame,
    colonne_age_debut: str = "age_debut",
    colonne_valeur: str = "population",
    cles: list[str] | None = None,
    age_fermeture: int = 105,
) -> pd.DataFrame:
    """Éclate un DataFrame par groupes d'âges (une ligne par groupe) en âges détaillés.

    Args:
        df: colonnes ``cles`` + ``colonne_age_debut`` + ``colonne_valeur``.
        cles: colonnes identifiant une distribution (ex. ``["code_commune", "annee", "sexe"]``).

    Returns:
        DataFrame ``cles + ["age", colonne_valeur]``, âges 0..100.
    """
    cles = cles or [c for c in df.columns if c not in (colonne_age_debut, colonne_valeur)]
    morceaux = []
    for cle, groupe in df.groupby(cles, sort=True):
        g = groupe.sort_values(colonne_age_debut)
        v = eclater_vecteur(
            g[colonne_age_debut].to_numpy(), g[colonne_valeur].to_numpy(), age_fermeture
        )
        m = pd.DataFrame({"age": np.arange(101), colonne_valeur: v})
        for nom, val in zip(cles, cle if isinstance(cle, tuple) else (cle,), strict=True):
            m[nom] = val
        morceaux.append(m)
    return pd.concat(morceaux, ignore_index=True)[cles + ["age", colonne_valeur]]
