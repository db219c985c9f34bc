"""Les ménages et les résidences principales nécessaires d'une projection par âge : le nombre de
ménages au recensement et à l'horizon, la taille moyenne, et le rythme annuel de résidences
principales en plus (ou en moins).

Le calcul est celui de `models.projection.menages` (taux de personne de référence par âge figés,
niveau recalé sur la taille moyenne publiée par l'INSEE) ; ce module en tire ce que la page
Population dit en une phrase.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from models.projection.menages import TAILLE_MOYENNE_PUBLIEE, projeter_menages

__all__ = ["TAILLE_MOYENNE_PUBLIEE", "Menages", "menages"]


@dataclass(frozen=True)
class Menages:
    """Les ménages d'un périmètre.

    Attributes:
        projection: une ligne par scénario et année (scenario, annee, menages, taille_moyenne…).
        base: ménages estimés l'année du recensement.
        fin: la ligne du scénario retenu à l'horizon (menages, taille_moyenne).
        par_an: résidences principales en plus par an en moyenne (négatif : en moins).
    """

    projection: pd.DataFrame
    base: float
    fin: pd.Series
    par_an: float


def menages(
    ages: pd.DataFrame,
    ages_base: pd.DataFrame,
    annee_recensement: int,
    horizon: int,
    scenario: str = "central",
) -> Menages:
    """Les ménages projetés (`ages` : requête `projection_ages`) et au recensement (`ages_base` :
    requête `population_ages`), et le rythme de résidences principales du `scenario`."""
    projection = projeter_menages(ages)
    base = float(projeter_menages(ages_base[["age", "population"]])["menages"].iloc[0])
    fin = projection[(projection["scenario"] == scenario) & (projection["annee"] == horizon)].iloc[
        0
    ]
    par_an = (fin["menages"] - base) / max(horizon - annee_recensement, 1)
    return Menages(projection=projection, base=base, fin=fin, par_an=float(par_an))
