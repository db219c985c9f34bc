"""Maps without a tile server: commune outlines from the stored GeoJSON, simplified once per
perimeter, and the classes of a choropleth (natural breaks or quantiles).

Owns the geometry and the classification, not the drawing (`vigie.figures.carte`) nor the
queries (`vigie.analyses.indicateurs_carte`). No streamlit and no network here: everything comes from the
`commune_geo` table (WGS84 GeoJSON geometry text).

Simplification keeps the communes' shared borders shared: `shapely.coverage_simplify` simplifies
the polygon coverage as a whole (GEOS ≥ 3.12), so neighbouring communes neither overlap nor leave
slivers between them, as a per-polygon Douglas-Peucker would. If the outlines are not a clean
coverage (overlaps in a hand-made file), each polygon is simplified on its own with
`simplify(preserve_topology=True)`.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import shapely

# Plotly draws in degrees: 5 decimals ≈ 1 m, more than enough once simplified.
DECIMALES_COORDONNEES = 5
# Tolerance = this fraction of the diagonal of the map's extent (≈ 0,002° for a département, about
# one pixel of a map drawn 800 px wide): halves the points of the Finistère outlines, invisibly.
# It is a Visvalingam-Whyatt tolerance (the square root of the area of the triangles removed), as
# `coverage_simplify` takes it; the per-polygon Douglas-Peucker fallback uses a third of it, which
# removes about as much.
FRACTION_TOLERANCE = 1 / 1200

METHODES = {
    "jenks": "Seuils naturels (Jenks)",
    "quantiles": "Quantiles (effectifs égaux)",
}
# Above this many values, natural breaks are computed on evenly spaced order statistics (the
# exact algorithm is quadratic in memory); as mapclassify's FisherJenksSampled does.
TAILLE_MAX_JENKS = 1500


class ErreurGeometrie(ValueError):
    """An outline of commune_geo cannot be read."""


@dataclass
class Contours:
    """The simplified outlines of a perimeter's communes, ready for Plotly."""

    collection: dict  # GeoJSON FeatureCollection, each feature's `id` = code_commune
    codes: list[str]
    points_avant: int
    points_apres: int
    tolerance: float
    sans_contour: list[str] = field(default_factory=list)  # communes without an outline
    etendue: tuple[float, float, float, float] | None = None  # west, south, east, north (degrees)

    def sous_collection(self, codes: Sequence[str]) -> dict:
        """A FeatureCollection with only the given communes (for a highlight or a no-data layer)."""
        voulus = set(codes)
        return {
            "type": "FeatureCollection",
            "features": [f for f in self.collection["features"] if f["id"] in voulus],
        }


def lire_geometries(codes: Sequence[str], textes: Sequence[str | None]) -> list:
    """Parse GeoJSON geometry texts into shapely geometries (None where the text is missing).

    Raises:
        ErreurGeometrie: a text is not a GeoJSON polygon; the message names the commune.
    """
    geometries = []
    for code, texte in zip(codes, textes, strict=True):
        if texte is None or (isinstance(texte, float) and math.isnan(texte)):
            geometries.append(None)
            continue
        try:
            geometrie = shapely.from_geojson(texte)
        except shapely.errors.GEOSException as erreur:
            raise ErreurGeometrie(
                f"Contour illisible pour la commune {code} (table commune_geo) : {erreur}. "
                "Réimportez le fichier GeoJSON des communes."
            ) from erreur
        if geometrie.geom_type not in ("Polygon", "MultiPolygon"):
            raise ErreurGeometrie(
                f"Le contour de la commune {code} est un {geometrie.geom_type}, pas un polygone "
                "(table commune_geo). Réimportez le fichier GeoJSON des communes."
            )
        if not geometrie.is_valid:
            geometrie = shapely.make_valid(geometrie)
        geometries.append(geometrie)
    return geometries


def nombre_points(geometries: Sequence) -> int:
    """Total number of vertices of the geometries (None counts for nothing)."""
    return int(sum(shapely.get_num_coordinates(g) for g in geometries if g is not None))


def tolerance_pour(geometries: Sequence) -> float:
    """Simplification tolerance in degrees, proportional to the map's extent."""
    presentes = [g for g in geometries if g is not None]
    if not presentes:
        return 0.0
    xmin, ymin, xmax, ymax = shapely.total_bounds(presentes)
    return math.hypot(xmax - xmin, ymax - ymin) * FRACTION_TOLERANCE


def simplifier(geometries: Sequence, tolerance: float) -> list:
    """Simplify the outlines, keeping shared borders shared; always returns valid polygons."""
    indices = [i for i, g in enumerate(geometries) if g is not None]
    resultat = list(geometries)
    if not indices or tolerance <= 0:
        return resultat
    tableau = np.array([geometries[i] for i in indices], dtype=object)
    try:
        simplifiees = shapely.coverage_simplify(tableau, tolerance)
        if not all(shapely.is_valid(simplifiees)) or shapely.is_empty(simplifiees).any():
            raise ValueError("couverture simplifiée invalide")
    except (shapely.errors.GEOSException, ValueError):
        simplifiees = shapely.simplify(tableau, tolerance / 3, preserve_topology=True)
    for i, geometrie in zip(indices, simplifiees, strict=True):
        if not geometrie.is_valid:
            geometrie = shapely.make_valid(geometrie)
        if geometrie.is_empty:  # a tiny island vanished: keep the original
            geometrie = geometries[i]
        resultat[i] = geometrie
    return resultat


def _arrondir(coordonnees, decimales: int):
    if isinstance(coordonnees[0], int | float):
        return [round(c, decimales) for c in coordonnees]
    return [_arrondir(c, decimales) for c in coordonnees]


def contours(
    codes: Sequence[str],
    noms: Sequence[str],
    textes_geojson: Sequence[str | None],
    tolerance: float | None = None,
) -> Contours:
    """Read, simplify and pack the outlines of a perimeter's communes as a FeatureCollection.

    Args:
        codes: INSEE codes of the communes (feature ids).
        noms: their names (feature property `nom`).
        textes_geojson: the `commune_geo.geojson` texts (None where a commune has no outline).
        tolerance: simplification tolerance in degrees; None = proportional to the extent.
    """
    geometries = lire_geometries(codes, textes_geojson)
    tolerance = tolerance_pour(geometries) if tolerance is None else tolerance
    simplifiees = simplifier(geometries, tolerance)
    entites = []
    for code, nom, geometrie in zip(codes, noms, simplifiees, strict=True):
        if geometrie is None:
            continue
        geo = json.loads(shapely.to_geojson(geometrie))
        geo["coordinates"] = _arrondir(geo["coordinates"], DECIMALES_COORDONNEES)
        entites.append({"type": "Feature", "id": code, "properties": {"nom": nom}, "geometry": geo})
    return Contours(
        collection={"type": "FeatureCollection", "features": entites},
        codes=[e["id"] for e in entites],
        points_avant=nombre_points(geometries),
        points_apres=nombre_points(simplifiees),
        tolerance=tolerance,
        sans_contour=[c for c, g in zip(codes, geometries, strict=True) if g is None],
        etendue=tuple(float(b) for b in shapely.total_bounds([g for g in simplifiees if g]))
        if entites
        else None,
    )


# --- Classes ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Classes:
    """Class bounds of a choropleth: class i holds the values in (bornes[i], bornes[i+1]]
    (the first one also holds bornes[0])."""

    methode: str
    bornes: tuple[float, ...]

    @property
    def nombre(self) -> int:
        return len(self.bornes) - 1

    @property
    def libelle_methode(self) -> str:
        return METHODES[self.methode]

    def indices(self, valeurs) -> np.ndarray:
        """Class index of each value (-1 for a missing value)."""
        v = np.asarray(valeurs, dtype=float)
        idx = np.searchsorted(np.asarray(self.bornes[1:-1]), v, side="left")
        idx = np.clip(idx, 0, self.nombre - 1)
        return np.where(np.isnan(v), -1, idx)


def _valeurs_propres(valeurs) -> np.ndarray:
    v = np.asarray(valeurs, dtype=float)
    return np.sort(v[~np.isnan(v)])


def seuils_naturels(valeurs, k: int) -> list[float]:
    """Natural breaks: the k classes with the least total within-class sum of squares.

    Fisher's exact dynamic programme (Fisher 1958, "On grouping for maximum homogeneity", JASA
    53; the method Jenks 1977 popularised for choropleths): on sorted values, the best split of
    the first j values into m classes is the best split of the first i-1 values into m-1 classes
    plus the class [i, j], for the best i. Within-class sums of squares come from prefix sums,
    so each step is one vectorised min over an n×n matrix: O(k·n²) time and O(n²) memory.
    Above TAILLE_MAX_JENKS values, the breaks are computed on that many evenly spaced order
    statistics (a national map of 35,000 communes would otherwise need 10 GB).

    Returns:
        k+1 increasing bounds: the minimum, the k-1 upper bounds of the first classes, the
        maximum (fewer when there are fewer distinct values than classes).
    """
    x = _valeurs_propres(valeurs)
    if x.size == 0:
        return []
    distinctes = np.unique(x)
    if distinctes.size <= k:
        # One class per distinct value (the first class holds only the minimum).
        return [float(distinctes[0])] + [float(v) for v in distinctes]
    if x.size > TAILLE_MAX_JENKS:
        x = np.quantile(x, np.linspace(0, 1, TAILLE_MAX_JENKS))
    n = x.size
    s1 = np.concatenate([[0.0], np.cumsum(x)])
    s2 = np.concatenate([[0.0], np.cumsum(x * x)])
    i = np.arange(n)[:, None]  # first index of the last class
    j = np.arange(n)[None, :]  # last index of the last class
    effectif = (j - i + 1).astype(float)
    with np.errstate(invalid="ignore", divide="ignore"):
        somme = s1[j + 1] - s1[i]
        cout = (s2[j + 1] - s2[i]) - somme * somme / effectif  # within-class sum of squares
    cout = np.where(j >= i, np.maximum(cout, 0.0), np.inf)

    meilleur = cout[0].copy()  # one class over x[0..j]
    debuts = []  # for each extra class, the best start of the last class for every j
    for _ in range(1, k):
        precedent = np.concatenate([[np.inf], meilleur[:-1]])  # best cost of x[0..i-1]
        candidats = precedent[:, None] + cout
        debut = np.argmin(candidats, axis=0)
        meilleur = candidats[debut, np.arange(n)]
        debuts.append(debut)
    # Walk back from the last value.
    fins = []
    fin = n - 1
    for debut in reversed(debuts):
        d = int(debut[fin])
        fins.append(d - 1)
        fin = d - 1
    fins = sorted(fins)
    bornes = [float(x[0])] + [float(x[f]) for f in fins] + [float(x[-1])]
    return _sans_doublons(bornes)


def quantiles(valeurs, k: int) -> list[float]:
    """Quantile bounds: about the same number of communes in each class."""
    x = _valeurs_propres(valeurs)
    if x.size == 0:
        return []
    bornes = [float(b) for b in np.quantile(x, np.linspace(0, 1, k + 1), method="inverted_cdf")]
    bornes[0], bornes[-1] = float(x[0]), float(x[-1])
    return _sans_doublons(bornes)


def _sans_doublons(bornes: list[float]) -> list[float]:
    """Drop repeated bounds (empty classes), but keep a first class made of the minimum alone."""
    propres = bornes[:2]
    for b in bornes[2:]:
        if b > propres[-1]:
            propres.append(b)
    return propres


def classer(valeurs, methode: str = "jenks", k: int = 5) -> Classes:
    """Class bounds of the values by the chosen method ('jenks' or 'quantiles')."""
    if methode not in METHODES:
        raise ValueError(
            f"Méthode de classement inconnue : {methode!r} (choix : {', '.join(METHODES)})."
        )
    if k < 2:
        raise ValueError(f"Il faut au moins 2 classes (demandé : {k}).")
    fonction = seuils_naturels if methode == "jenks" else quantiles
    return Classes(methode=methode, bornes=tuple(fonction(valeurs, k)))
