"""Les tableaux d'un scénario calculé pour un périmètre, dans la forme des requêtes de la base.

Un scénario standard est lu dans la base construite (`projection_totale`, `projection_groupes_age`,
`pyramide_projetee`, `projection_composantes`, `projection_ages`) ; un scénario enregistré par
l'utilisateur n'y est pas : il est projeté sous ses hypothèses (`vigie.analyses.scenarios`, le même
calcul que la page Services) et ce module en tire les mêmes tableaux, avec les mêmes colonnes, pour
que les pages Population, Carte et Présentation le montrent comme un scénario standard.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from models.projection.groupes import GROUPES_PROJECTION
from models.projection.projection import ResultatProjection
from vigie.analyses.scenarios import BORNES, ResultatScenario


@dataclass(frozen=True)
class TableauxPerimetre:
    """Un scénario sur un périmètre jusqu'à l'horizon.

    Attributes:
        cle, libelle: le scénario.
        totale: une ligne par année (annee, population, bas_80, haut_80, bas_95, haut_95), comme
            la requête `projection_totale` pour un scénario.
        groupes: une ligne par année et groupe d'âges, comme `projection_groupes_age`.
        ages: une ligne par année et âge (annee, age, population), comme `projection_ages`.
        composantes: une ligne par année avant l'horizon (annee, naissances, deces,
            solde_migratoire, arrivees_logement, solde_naturel, variation), comme
            `projection_composantes`.
        cube: population (années, 2 sexes, 101 âges) du périmètre ; annees: ses années.
        intervalles: texte de la méthode des fourchettes (`scenarios.INTERVALLES_TEXTE`).
    """

    cle: str
    libelle: str
    totale: pd.DataFrame
    groupes: pd.DataFrame
    ages: pd.DataFrame
    composantes: pd.DataFrame
    cube: np.ndarray
    annees: np.ndarray
    intervalles: str

    def pyramide(self, annee: int) -> pd.DataFrame:
        """La population par sexe et âge d'une année (sexe, age, population), comme la requête
        `pyramide_projetee` ; vide pour une année hors de la projection."""
        rang = np.flatnonzero(self.annees == int(annee))
        if not len(rang):
            return pd.DataFrame(columns=["sexe", "age", "population"])
        couche = self.cube[rang[0]]
        return pd.DataFrame(
            {
                "sexe": np.repeat([1, 2], couche.shape[1]),
                "age": np.tile(np.arange(couche.shape[1]), 2),
                "population": couche.ravel(),
            }
        )


def tableaux(
    resultat: ResultatScenario,
    projection: ResultatProjection,
    communes: dict[str, str],
    horizon: int,
) -> TableauxPerimetre:
    """Les tableaux du périmètre (ses `communes`) tirés d'un scénario calculé et de sa projection.

    Args:
        resultat: le scénario calculé sur le périmètre (`scenarios.calculer`) : ses groupes
            d'âges portent déjà leurs fourchettes.
        projection: la projection de ses hypothèses (chemin central), celle que `calculer` a
            utilisée.
        communes: code -> nom des communes du périmètre ; horizon: dernière année.
    """
    masque = np.isin(projection.modele.codes.astype(str), list(communes))
    garder = projection.annees <= horizon
    annees = projection.annees[garder].astype(int)
    cube = projection.cube[garder][:, masque].sum(axis=1)  # (années, sexes, âges)
    par_age = cube.sum(axis=1)
    ages = pd.DataFrame(
        {
            "annee": np.repeat(annees, par_age.shape[1]),
            "age": np.tile(np.arange(par_age.shape[1]), len(annees)),
            "population": par_age.ravel(),
        }
    )
    avant = projection.annees[:-1] < horizon
    composantes = pd.DataFrame(
        {
            "annee": projection.annees[:-1][avant].astype(int),
            "naissances": projection.naissances[avant][:, masque].sum(axis=1),
            "deces": projection.deces[avant][:, masque].sum(axis=1),
            "solde_migratoire": projection.migrations[avant][:, masque].sum(axis=1),
            "arrivees_logement": projection.arrivees_logement[avant][:, masque].sum(axis=1),
        }
    )
    composantes["solde_naturel"] = composantes["naissances"] - composantes["deces"]
    composantes["variation"] = (
        composantes["solde_naturel"]
        + composantes["solde_migratoire"]
        + composantes["arrivees_logement"]
    )
    totale = resultat.total()[["annee", "population", *BORNES]]  # dès annee_base + 1
    return TableauxPerimetre(
        cle=resultat.cle,
        libelle=resultat.libelle,
        totale=totale.reset_index(drop=True),
        groupes=resultat.groupes.reset_index(drop=True),
        ages=ages,
        composantes=composantes,
        cube=cube,
        annees=annees,
        intervalles=resultat.intervalles,
    )


def _par_commune(projection: ResultatProjection, annee: int, age_min: int, age_max: int):
    """Population et effectif de la tranche d'âge de chaque commune une année projetée."""
    rang = np.flatnonzero(projection.annees == int(annee))
    if not len(rang):
        raise ValueError(
            f"année {annee} : hors de la projection ({int(projection.annees[0])} à "
            f"{int(projection.annees[-1])})"
        )
    couche = projection.cube[rang[0]].sum(axis=1)  # (communes, âges)
    return pd.DataFrame(
        {
            "code_commune": projection.modele.codes.astype(str),
            "population": couche.sum(axis=1),
            "effectif": couche[:, age_min : age_max + 1].sum(axis=1),
        }
    )


def carte_population(
    projection: ResultatProjection,
    reference: pd.DataFrame,
    annee: int,
    groupe_age: str,
) -> pd.DataFrame:
    """Les colonnes de la requête `carte_population` pour un scénario calculé : population,
    effectif et part du groupe d'âge (nommé comme dans la table `groupe_age`) par commune, et des
    fourchettes approchées.

    Args:
        reference: la même requête pour le scénario central (ses communes et ses fourchettes
            simulées) ; les bornes du scénario sont son effectif × (borne / effectif du central),
            comme `scenarios._bornes_relatives` le fait pour un périmètre.
    """
    age_min, age_max = GROUPES_PROJECTION[groupe_age]
    valeurs = _par_commune(projection, annee, age_min, age_max)
    sortie = reference[["code_commune"]].merge(valeurs, on="code_commune", how="left")
    sortie["part"] = sortie["effectif"] / sortie["population"].where(sortie["population"] > 0)
    central = reference.set_index("code_commune")
    relatif = sortie["code_commune"].map(central["effectif"].where(central["effectif"] > 0))
    for borne in BORNES:
        if borne in central.columns:
            sortie[borne] = (
                sortie["code_commune"].map(central[borne]) / relatif * sortie["effectif"]
            )
    return sortie


def carte_evolution(
    projection: ResultatProjection, reference: pd.DataFrame, annee: int
) -> pd.DataFrame:
    """Les colonnes de la requête `carte_evolution_projetee` pour un scénario calculé : la
    population du dernier recensement (celle de `reference`, la même requête pour le central),
    celle du scénario l'année choisie, la variation et l'évolution."""
    valeurs = _par_commune(projection, annee, 0, 100)[["code_commune", "population"]]
    sortie = reference[["code_commune", "annee_debut", "population_debut"]].merge(
        valeurs.rename(columns={"population": "population_fin"}), on="code_commune"
    )
    sortie["variation"] = sortie["population_fin"] - sortie["population_debut"]
    sortie["evolution"] = (
        sortie["population_fin"] / sortie["population_debut"].where(sortie["population_debut"] > 0)
        - 1
    )
    return sortie
