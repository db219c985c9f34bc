"""Bringing commune codes to the current geography with the COG events (`commune_mouvement`).

A code that is no longer a commune of the current referential (the `commune` table) is followed
through its last merger: 29219 Le Ponthou -> 29199 Plouigneau (commune nouvelle, 2019-01-01),
29129 Locmaria-Berrien -> 29227 Poullaouen. Figures of merged communes are then summed under the
current code; outlines are gathered into one MultiPolygon. Splits are not undone (a figure of a
commune later split stays with the commune that kept the code).
"""

from __future__ import annotations

import json

import duckdb
import pandas as pd

# Events where a commune disappears into another one (or changes code): mergers (31 fusion
# simple, 32 commune nouvelle, 33 fusion-association, 34 transformation de fusion-association en
# fusion simple), code changes (41 changement de code dû à un changement de département, 50
# changement de code dû à un transfert de chef-lieu).
MODS_DISPARITION = (31, 32, 33, 34, 41, 50)


def table_passage(con: duckdb.DuckDBPyConnection) -> dict[str, list[tuple[str, str]]]:
    """Old code -> [(date, new code)] for every disappearance event, oldest first; municipal
    districts and delegated or associated communes point to their commune (date '9999')."""
    lignes = con.execute(
        """
        select com_av, strftime(date_eff, '%Y-%m-%d') as date_eff, com_ap
        from commune_mouvement
        where typecom_av = 'COM' and typecom_ap = 'COM' and com_av <> com_ap
          and mod in (31, 32, 33, 34, 41, 50)
        order by date_eff
        """
    ).fetchall()
    passage: dict[str, list[tuple[str, str]]] = {}
    for ancien, date, nouveau in lignes:
        passage.setdefault(ancien, []).append((date, nouveau))
    for code, parent in con.execute(
        "select code, code_parent from commune_rattachement where code <> code_parent"
    ).fetchall():
        passage.setdefault(code, []).append(("9999-12-31", parent))
    return passage


def code_actuel(code: str, referentiel: set[str], passage: dict) -> str | None:
    """The current code of `code`, or None when it cannot be traced to a current commune."""
    vus = set()
    date = ""
    while code not in referentiel:
        if code in vus or code not in passage:
            return None
        vus.add(code)
        suivants = [(d, n) for d, n in passage[code] if d >= date]
        if not suivants:
            return None
        date, code = suivants[-1]  # the last disappearance of this code
    return code


def harmoniser(
    df: pd.DataFrame, referentiel: set[str], passage: dict, colonne: str = "code_commune"
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Map `colonne` to current codes. Returns (rows with current codes, rows left unknown)."""
    nuls = df[colonne].isna()  # e.g. a usage series for the whole territory: nothing to map
    codes = df.loc[~nuls, colonne].unique()
    correspondance = {c: code_actuel(c, referentiel, passage) for c in codes}
    resultat = df.copy()
    resultat["_code_origine"] = resultat[colonne]
    resultat.loc[~nuls, colonne] = resultat.loc[~nuls, colonne].map(correspondance)
    connus = nuls | resultat[colonne].notna()
    return resultat[connus], resultat[~connus]


def reunir_geometries(geometries: list[str]) -> str:
    """One MultiPolygon from the outlines of communes merged since the file's geography."""
    geometries = list(geometries)
    if len(geometries) == 1:
        return geometries[0]
    polygones = []
    for texte in geometries:
        g = json.loads(texte)
        polygones.extend([g["coordinates"]] if g["type"] == "Polygon" else g["coordinates"])
    return json.dumps({"type": "MultiPolygon", "coordinates": polygones}, separators=(",", ":"))
