"""Groupes d'âges nommés : lus une fois dans ``data/reference/groupes_age.csv``, la même table que
la base charge dans ``groupe_age`` et que toutes les vues et requêtes joignent.

Ce module possède la lecture et le contrôle de ce fichier côté Python (la projection, son
incertitude, les rétro-projections et le catalogue des services de ``vigie`` le lisent par ici) ;
il ne dépend d'aucun autre module de la projection : ``projection`` et ``incertitude`` l'importent
tous deux, ce qui évite le cycle projection ↔ incertitude.

Trois jeux de groupes, marqués par colonne :
- ``projection`` : les groupes des services projetés avec leurs fourchettes (0-2, 3-5, 6-10, 11-14
  ans… ; 75 et 85 ans ou plus se chevauchent à dessein), plus « Ensemble » ;
- ``recensement`` : une partition disjointe des âges pour le détail du recensement ;
- ``fiabilite`` : les groupes quinquennaux jugés par la rétro-projection sur les estimations
  départementales de l'INSEE (publiées par âge quinquennal).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

FICHIER_GROUPES = Path(__file__).resolve().parents[2] / "data" / "reference" / "groupes_age.csv"
JEUX = ("projection", "recensement", "fiabilite")
COLONNES = ("groupe_age", "age_min", "age_max", "rang", *JEUX, "source")
ENSEMBLE = "Ensemble"
AGE_MAX = 100  # 100 = 100 ans ou plus


class ErreurGroupesAge(ValueError):
    """Un fichier de groupes d'âges illisible : le message nomme le fichier, la ligne, la colonne."""


@dataclass(frozen=True)
class GroupeAge:
    """Un groupe d'âges nommé (bornes incluses, 100 = 100 ans ou plus)."""

    nom: str
    age_min: int
    age_max: int
    rang: int
    projection: bool
    recensement: bool
    fiabilite: bool


def _erreur(chemin: Path, ligne: int, colonne: str, message: str) -> ErreurGroupesAge:
    return ErreurGroupesAge(
        f"{chemin.name}, ligne {ligne}, colonne « {colonne} » : {message} Corrigez le fichier "
        f"{chemin} (séparateur « ; », une ligne par groupe)."
    )


def lire_groupes(chemin: Path | str = FICHIER_GROUPES) -> list[GroupeAge]:
    """Les groupes d'âges du fichier, dans l'ordre de leur rang, contrôlés.

    Raises:
        ErreurGroupesAge: colonne manquante, âge hors de 0..100, bornes inversées, nom ou rang en
            double, drapeau autre que true/false.
    """
    chemin = Path(chemin)
    try:
        texte = chemin.read_text(encoding="utf-8-sig")
    except OSError as erreur:
        raise ErreurGroupesAge(f"{chemin} : lecture impossible ({erreur}).") from erreur
    lecteur = csv.DictReader(texte.splitlines(), delimiter=";")
    manquantes = [c for c in COLONNES if c not in (lecteur.fieldnames or [])]
    if manquantes:
        raise _erreur(chemin, 1, manquantes[0], "colonne absente de l'en-tête.")
    groupes: list[GroupeAge] = []
    noms, rangs = set(), set()
    for numero, ligne in enumerate(lecteur, start=2):
        if None in ligne or None in ligne.values():
            raise _erreur(
                chemin, numero, "source", "nombre de valeurs différent de celui des colonnes."
            )
        nom = (ligne["groupe_age"] or "").strip()
        if not nom:
            raise _erreur(chemin, numero, "groupe_age", "nom vide.")
        if nom in noms:
            raise _erreur(chemin, numero, "groupe_age", f"« {nom} » figure deux fois.")
        valeurs = {}
        for colonne in ("age_min", "age_max", "rang"):
            brut = (ligne[colonne] or "").strip()
            if not brut.isdigit():
                raise _erreur(chemin, numero, colonne, f"« {brut} » n'est pas un entier positif.")
            valeurs[colonne] = int(brut)
        if valeurs["age_max"] > AGE_MAX:
            raise _erreur(chemin, numero, "age_max", f"âge au-delà de {AGE_MAX} (100 ans ou plus).")
        if valeurs["age_min"] > valeurs["age_max"]:
            raise _erreur(chemin, numero, "age_min", "l'âge minimal dépasse l'âge maximal.")
        if valeurs["rang"] in rangs:
            raise _erreur(chemin, numero, "rang", f"le rang {valeurs['rang']} est déjà pris.")
        drapeaux = {}
        for colonne in JEUX:
            brut = (ligne[colonne] or "").strip().lower()
            if brut not in ("true", "false"):
                raise _erreur(chemin, numero, colonne, f"« {brut} » : true ou false attendu.")
            drapeaux[colonne] = brut == "true"
        noms.add(nom)
        rangs.add(valeurs["rang"])
        groupes.append(GroupeAge(nom, **valeurs, **drapeaux))
    if not groupes:
        raise ErreurGroupesAge(f"{chemin} : aucun groupe d'âges.")
    return sorted(groupes, key=lambda g: g.rang)


def bornes(groupes: list[GroupeAge], jeu: str = "projection") -> dict[str, tuple[int, int]]:
    """`nom -> (age_min, age_max)` des groupes d'un jeu (« projection », « recensement »,
    « fiabilite »), dans l'ordre de leur rang."""
    return {g.nom: (g.age_min, g.age_max) for g in groupes if getattr(g, jeu)}


GROUPES_AGE: list[GroupeAge] = lire_groupes()
# Les groupes projetés, « Ensemble » compris (ce que les vues `mart_projection_groupe_age` rendent).
GROUPES_PROJECTION: dict[str, tuple[int, int]] = bornes(GROUPES_AGE)
# Groupes d'âges des services projetés avec leurs fourchettes (sans « Ensemble ») ; 75+ et 85+ se
# chevauchent.
GROUPES_SERVICES: dict[str, tuple[int, int]] = {
    nom: b for nom, b in bornes(GROUPES_AGE).items() if nom != ENSEMBLE
}
