"""Groupes d'âges nommés communs à la projection, à l'incertitude et aux rétro-projections.

Ce module ne dépend d'aucun autre module de la projection : ``projection`` et ``incertitude``
l'importent tous deux, ce qui évite le cycle projection ↔ incertitude.
"""

from __future__ import annotations

# Groupes d'âges des services (bornes incluses, 100 = 100 ans et plus) ; 75+ et 85+ se chevauchent.
GROUPES_SERVICES: dict[str, tuple[int, int]] = {
    "0-2 ans": (0, 2),
    "3-5 ans": (3, 5),
    "6-10 ans": (6, 10),
    "11-14 ans": (11, 14),
    "15-17 ans": (15, 17),
    "18-24 ans": (18, 24),
    "25-59 ans": (25, 59),
    "60-74 ans": (60, 74),
    "75 ans et plus": (75, 100),
    "85 ans et plus": (85, 100),
}
