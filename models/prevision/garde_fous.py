"""Garde-fous appliqués à la prévision retenue.

- **Comptages jamais négatifs** : moyenne et bornes sont ramenées à 0 (un nombre d'entrées, de
  repas, d'inscrits ne peut pas être négatif ; on tronque plutôt que d'afficher l'impossible).
- **Pas d'explosion** : si la moyenne prévue dépasse :data:`FACTEUR_EXPLOSION` fois le maximum
  observé sur les :data:`ANNEES_REFERENCE` dernières années (ou n'est pas finie), la prévision est
  jugée non crédible ; l'appelant se replie alors sur la meilleure méthode de référence du backtest,
  et le résultat porte le drapeau ``'repli_sur_reference'``. Un triplement en quelques années d'un
  usage de service public relève d'un événement (ouverture, fusion) que le modèle ne peut pas
  savoir, pas d'une tendance à prolonger.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

#: Multiple du maximum récent au-delà duquel une prévision est dite « explosive ».
FACTEUR_EXPLOSION = 3.0
#: Nombre d'années d'historique récent servant de référence.
ANNEES_REFERENCE = 3

_BORNES = ("moyenne", "bas_80", "haut_80", "bas_95", "haut_95")


def borner_comptages(prevision: pd.DataFrame) -> pd.DataFrame:
    """Ramène moyenne et bornes à zéro au minimum (séries de comptages)."""
    sortie = prevision.copy()
    for colonne in _BORNES:  # colonne par colonne en numpy : 20 fois plus rapide que DataFrame.clip
        sortie[colonne] = np.maximum(sortie[colonne].to_numpy(dtype=float), 0.0)
    return sortie


def explosion(
    prevision: pd.DataFrame, historique: pd.Series, periode_saisonniere: int
) -> str | None:
    """Motif (en français) si la prévision explose, sinon ``None``.

    Args:
        prevision: sortie du contrat (``DataFrame`` ou :class:`.contrat.Prevision`).
        historique: série observée (``NaN`` permis).
        periode_saisonniere: 12 en mensuel, 1 en annuel (pour compter les années).
    """
    moyenne = np.asarray(prevision["moyenne"], dtype=float)
    if not all(np.all(np.isfinite(np.asarray(prevision[c], dtype=float))) for c in _BORNES):
        return "prévision non finie (valeurs infinies ou indéfinies)"
    recent = historique.dropna().iloc[-ANNEES_REFERENCE * max(periode_saisonniere, 1) :]
    if recent.empty:
        return None
    plafond = FACTEUR_EXPLOSION * float(np.abs(recent).max())
    if plafond > 0 and np.max(np.abs(moyenne)) > plafond:
        facteur = f"{FACTEUR_EXPLOSION:g}".replace(".", ",")
        return (
            f"la prévision dépasse {facteur} fois le maximum des {ANNEES_REFERENCE} dernières années "
            f"({np.max(moyenne):,.0f} contre un maximum observé de {recent.max():,.0f})".replace(
                ",", " "
            )
        )
    return None
