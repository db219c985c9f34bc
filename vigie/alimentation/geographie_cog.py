"""Ramener les codes communes à la géographie actuelle grâce aux événements du COG
(`commune_mouvement`).

Un code qui n'est plus une commune du référentiel actuel (table `commune`) est suivi jusqu'à sa
dernière fusion : 29219 Le Ponthou -> 29199 Plouigneau (commune nouvelle, 2019-01-01), 29129
Locmaria-Berrien -> 29227 Poullaouen. Les chiffres des communes fusionnées sont alors additionnés
sous le code actuel ; les contours réunis en un MultiPolygon. Les scissions ne sont pas défaites
(un chiffre d'une commune scindée depuis reste à la commune qui a gardé le code). Le SQL est dans
`sql/load/importation/passage_*.sql`.
"""

from __future__ import annotations

import json

import pandas as pd

from vigie.stockage import base

# Événements où une commune disparaît dans une autre (ou change de code) : fusions (31 fusion
# simple, 32 commune nouvelle, 33 fusion-association, 34 transformation de fusion-association en
# fusion simple), changements de code (41 changement de département, 50 transfert de chef-lieu).
# Les mêmes codes sont écrits dans sql/load/importation/passage_mouvements.sql.
MODS_DISPARITION = (31, 32, 33, 34, 41, 50)


def table_passage(con: base.Connexion) -> dict[str, list[tuple[str, str]]]:
    """Ancien code -> [(date, nouveau code)] pour chaque disparition, de la plus ancienne à la plus
    récente ; arrondissements municipaux, communes déléguées ou associées pointent vers leur
    commune (date '9999')."""
    lignes = base.executer(con, "load/importation/passage_mouvements").fetchall()
    passage: dict[str, list[tuple[str, str]]] = {}
    for ancien, date, nouveau in lignes:
        passage.setdefault(ancien, []).append((date, nouveau))
    for code, parent in base.executer(con, "load/importation/passage_rattachements").fetchall():
        passage.setdefault(code, []).append(("9999-12-31", parent))
    return passage


def code_actuel(code: str, referentiel: set[str], passage: dict) -> str | None:
    """Le code actuel de `code`, ou None s'il ne mène à aucune commune actuelle."""
    vus = set()
    date = ""
    while code not in referentiel:
        if code in vus or code not in passage:
            return None
        vus.add(code)
        suivants = [(d, n) for d, n in passage[code] if d >= date]
        if not suivants:
            return None
        date, code = suivants[-1]  # la dernière disparition de ce code
    return code


def harmoniser(
    df: pd.DataFrame, referentiel: set[str], passage: dict, colonne: str = "code_commune"
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Ramène `colonne` aux codes actuels. Rend (lignes aux codes actuels, lignes inconnues)."""
    nuls = df[colonne].isna()  # ex. une série d'usage de tout le territoire : rien à ramener
    codes = df.loc[~nuls, colonne].unique()
    correspondance = {c: code_actuel(c, referentiel, passage) for c in codes}
    resultat = df.copy()
    resultat["_code_origine"] = resultat[colonne]
    resultat.loc[~nuls, colonne] = resultat.loc[~nuls, colonne].map(correspondance)
    connus = nuls | resultat[colonne].notna()
    return resultat[connus], resultat[~connus]


def reunir_geometries(geometries: list[str]) -> str:
    """Un MultiPolygon des contours des communes fusionnées depuis la géographie du fichier."""
    geometries = list(geometries)
    if len(geometries) == 1:
        return geometries[0]
    polygones = []
    for texte in geometries:
        g = json.loads(texte)
        polygones.extend([g["coordinates"]] if g["type"] == "Polygon" else g["coordinates"])
    return json.dumps({"type": "MultiPolygon", "coordinates": polygones}, separators=(",", ":"))
