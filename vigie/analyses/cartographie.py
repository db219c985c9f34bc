"""Des cartes sans serveur de tuiles : les contours des communes tirés du GeoJSON de la base,
simplifiés une fois par périmètre, et les classes d'une carte choroplèthe (seuils naturels,
quantiles, têtes et queues).

Possède la géométrie et le classement, ni le dessin (`vigie.figures.carte`) ni les requêtes
(`vigie.analyses.indicateurs_carte`). Ni streamlit ni réseau ici : tout vient de la table
`commune_geo` (texte GeoJSON de la géométrie, en WGS84).

Un contour réel n'est pas toujours un polygone propre : la commune fusionnée 29199 (Plouigneau avec
Le Ponthou) arrive en MultiPolygon de deux polygones qui se touchent, que `make_valid` répare en
GeometryCollection d'un polygone et de lignes. Seule la partie polygonale est gardée (`polygonale`),
réunie en un seul contour.

La simplification garde partagées les frontières communes : `shapely.coverage_simplify` simplifie
la couverture de polygones d'un bloc (GEOS ≥ 3.12), si bien que des communes voisines ne se
chevauchent pas et ne laissent pas d'interstice, comme le ferait un Douglas-Peucker polygone par
polygone. Si les contours ne forment pas une couverture propre (chevauchements d'un fichier fait à
la main), chaque polygone est simplifié seul par `simplify(preserve_topology=True)`.

Les classes viennent de mapclassify (quantiles, têtes et queues), sauf les seuils naturels, écrits
ici pour une raison mesurée (voir `seuils_naturels` et bench/bench_classes.py).
"""

from __future__ import annotations

import json
import math
import warnings
from collections.abc import Sequence
from dataclasses import dataclass, field

import mapclassify
import numpy as np
import shapely

# Plotly dessine en degrés : 5 décimales ≈ 1 m, bien assez une fois simplifié.
DECIMALES_COORDONNEES = 5
# Tolérance = cette fraction de la diagonale de l'étendue de la carte (≈ 0,002° pour un
# département, environ un pixel d'une carte de 800 px de large) : divise par deux les points des
# contours du Finistère, sans que cela se voie. C'est une tolérance de Visvalingam-Whyatt (la racine
# de l'aire des triangles retirés), comme la prend `coverage_simplify` ; le repli Douglas-Peucker
# polygone par polygone en prend le tiers, qui retire à peu près autant.
FRACTION_TOLERANCE = 1 / 1200

METHODES = {
    "jenks": "Seuils naturels (Jenks)",
    "quantiles": "Quantiles (effectifs égaux)",
    "tetes_queues": "Têtes et queues (valeurs très inégales)",
}
# Au-delà de ce nombre de valeurs, les seuils naturels sont calculés sur autant de statistiques
# d'ordre régulièrement espacées (l'algorithme exact est quadratique en mémoire), comme le fait
# FisherJenksSampled de mapclassify, mais sans tirage au hasard.
TAILLE_MAX_JENKS = 1500


class ErreurGeometrie(ValueError):
    """Un contour de commune_geo ne peut pas être lu."""


@dataclass
class Contours:
    """Les contours simplifiés des communes d'un périmètre, prêts pour Plotly."""

    collection: dict  # FeatureCollection GeoJSON, l'`id` de chaque entité = code_commune
    codes: list[str]
    points_avant: int
    points_apres: int
    tolerance: float
    sans_contour: list[str] = field(default_factory=list)  # les communes sans contour
    etendue: tuple[float, float, float, float] | None = None  # ouest, sud, est, nord (degrés)

    def sous_collection(self, codes: Sequence[str]) -> dict:
        """Une FeatureCollection des seules communes données (surlignage, couche sans donnée)."""
        voulus = set(codes)
        return {
            "type": "FeatureCollection",
            "features": [f for f in self.collection["features"] if f["id"] in voulus],
        }


def polygonale(geometrie):
    """La partie polygonale, valide, d'une géométrie : un Polygon ou un MultiPolygon, ou None s'il
    n'y en a pas.

    `make_valid` répare un MultiPolygon dont les polygones se touchent (deux communes fusionnées
    mises bout à bout) en GeometryCollection d'un polygone et des lignes de l'ancienne frontière :
    les lignes et les points, qui n'ont pas d'aire, sont laissés, les polygones réunis.
    """
    if geometrie.geom_type in ("Polygon", "MultiPolygon") and geometrie.is_valid:
        return geometrie
    if not geometrie.is_valid:
        geometrie = shapely.make_valid(geometrie)
    parties = _polygones(geometrie)
    if not parties:
        return None
    # L'union d'un recouvrement (GEOS) est valide : l'ancienne frontière intérieure disparaît.
    return shapely.union_all(parties) if len(parties) > 1 else parties[0]


def _polygones(geometrie) -> list:
    """Les polygones non vides d'une géométrie, à toute profondeur de collection."""
    if geometrie.geom_type == "Polygon":
        return [] if geometrie.is_empty else [geometrie]
    if geometrie.geom_type in ("MultiPolygon", "GeometryCollection"):
        return [p for partie in geometrie.geoms for p in _polygones(partie)]
    return []


def lire_geometries(codes: Sequence[str], textes: Sequence[str | None]) -> list:
    """Lit les textes GeoJSON en géométries shapely (None là où le texte manque), réduites à leur
    partie polygonale (`polygonale`).

    Raises:
        ErreurGeometrie: un texte n'est pas du GeoJSON ou n'a aucun polygone ; le message nomme la
            commune.
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
        polygones = polygonale(geometrie)
        if polygones is None:
            raise ErreurGeometrie(
                f"Le contour de la commune {code} est un {geometrie.geom_type} sans aucun "
                "polygone (table commune_geo). Réimportez le fichier GeoJSON des communes."
            )
        geometries.append(polygones)
    return geometries


def nombre_points(geometries: Sequence) -> int:
    """Le nombre total de sommets des géométries (None ne compte pas)."""
    return int(sum(shapely.get_num_coordinates(g) for g in geometries if g is not None))


def tolerance_pour(geometries: Sequence) -> float:
    """La tolérance de simplification en degrés, proportionnelle à l'étendue de la carte."""
    presentes = [g for g in geometries if g is not None]
    if not presentes:
        return 0.0
    xmin, ymin, xmax, ymax = shapely.total_bounds(presentes)
    return math.hypot(xmax - xmin, ymax - ymin) * FRACTION_TOLERANCE


def simplifier(geometries: Sequence, tolerance: float) -> list:
    """Simplifie les contours en gardant partagées les frontières communes ; rend toujours des
    polygones valides."""
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
        geometrie = polygonale(geometrie)
        if geometrie is None or geometrie.is_empty:  # un îlot a disparu : garder l'original
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
    """Lit, simplifie et range les contours des communes d'un périmètre en FeatureCollection.

    Args:
        codes: les codes INSEE des communes (identifiants des entités).
        noms: leurs noms (propriété `nom` des entités).
        textes_geojson: les textes de `commune_geo.geojson` (None pour une commune sans contour).
        tolerance: la tolérance de simplification en degrés ; None = proportionnelle à l'étendue.
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
    """Les bornes des classes d'une carte : la classe i tient les valeurs de ]bornes[i], bornes[i+1]]
    (la première tient aussi bornes[0]), comme les classes de mapclassify."""

    methode: str
    bornes: tuple[float, ...]

    @property
    def nombre(self) -> int:
        """Le nombre de classes."""
        return len(self.bornes) - 1

    @property
    def libelle_methode(self) -> str:
        """La méthode, en français, pour la légende et la ligne de source."""
        return METHODES[self.methode]

    def indices(self, valeurs) -> np.ndarray:
        """L'indice de classe de chaque valeur (-1 pour une valeur manquante)."""
        v = np.asarray(valeurs, dtype=float)
        idx = np.searchsorted(np.asarray(self.bornes[1:-1]), v, side="left")
        idx = np.clip(idx, 0, self.nombre - 1)
        return np.where(np.isnan(v), -1, idx)


def _valeurs_propres(valeurs) -> np.ndarray:
    v = np.asarray(valeurs, dtype=float)
    return np.sort(v[~np.isnan(v)])


def seuils_naturels(valeurs, k: int) -> list[float]:
    """Les seuils naturels : les k classes dont la somme des carrés des écarts intra-classe est la
    plus petite.

    Le programme dynamique exact de Fisher (Fisher 1958, « On grouping for maximum homogeneity »,
    JASA 53 ; la méthode que Jenks 1977 a répandue pour les cartes) : sur les valeurs triées, le
    meilleur découpage des j premières en m classes est le meilleur des i-1 premières en m-1
    classes plus la classe [i, j], pour le meilleur i. Les sommes de carrés viennent de sommes
    cumulées, chaque étape est un minimum vectorisé sur une matrice n×n : O(k·n²) en temps et
    O(n²) en mémoire. Au-delà de TAILLE_MAX_JENKS valeurs, les seuils sont calculés sur autant de
    statistiques d'ordre régulièrement espacées (une carte de 35 000 communes demanderait sinon
    10 Go).

    Pourquoi pas `mapclassify.FisherJenks`, qui donne les mêmes seuils (vérifié par
    tests/analyses/test_cartographie.py) : sans numba, sa boucle en Python pur prend 0,3 à 0,4 s
    pour les 277 communes du Finistère et 6,5 s pour les 1 232 de Bretagne, à chaque affichage de
    la carte, contre 0,04 et 0,11 s ici ; avec numba, l'import de mapclassify compile ses fonctions
    en 9 à 13 s à chaque démarrage, et numba (avec llvmlite) ajoute 50 Mo à l'installation. Son
    FisherJenksSampled tire son échantillon au hasard : la carte changerait d'un affichage à
    l'autre. Mesures : `python bench/bench_classes.py`.

    Returns:
        k+1 bornes croissantes : le minimum, les k-1 bornes hautes des premières classes, le
        maximum (moins quand il y a moins de valeurs distinctes que de classes).
    """
    x = _valeurs_propres(valeurs)
    if x.size == 0:
        return []
    distinctes = np.unique(x)
    if distinctes.size <= k:
        # Une classe par valeur distincte (la première ne tient que le minimum).
        return [float(distinctes[0])] + [float(v) for v in distinctes]
    if x.size > TAILLE_MAX_JENKS:
        x = np.quantile(x, np.linspace(0, 1, TAILLE_MAX_JENKS))
    n = x.size
    s1 = np.concatenate([[0.0], np.cumsum(x)])
    s2 = np.concatenate([[0.0], np.cumsum(x * x)])
    i = np.arange(n)[:, None]  # premier indice de la dernière classe
    j = np.arange(n)[None, :]  # dernier indice de la dernière classe
    effectif = (j - i + 1).astype(float)
    with np.errstate(invalid="ignore", divide="ignore"):
        somme = s1[j + 1] - s1[i]
        cout = (s2[j + 1] - s2[i]) - somme * somme / effectif  # somme des carrés intra-classe
    cout = np.where(j >= i, np.maximum(cout, 0.0), np.inf)

    meilleur = cout[0].copy()  # une seule classe sur x[0..j]
    debuts = []  # pour chaque classe de plus, le meilleur début de la dernière classe, pour tout j
    for _ in range(1, k):
        precedent = np.concatenate([[np.inf], meilleur[:-1]])  # meilleur coût de x[0..i-1]
        candidats = precedent[:, None] + cout
        debut = np.argmin(candidats, axis=0)
        meilleur = candidats[debut, np.arange(n)]
        debuts.append(debut)
    # Remonter depuis la dernière valeur.
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
    """Les bornes des quantiles (`mapclassify.Quantiles`) : à peu près autant de communes dans
    chaque classe."""
    x = _valeurs_propres(valeurs)
    if x.size == 0:
        return []
    with warnings.catch_warnings():  # moins de valeurs distinctes que de classes : géré ci-dessous
        warnings.simplefilter("ignore", UserWarning)
        hautes = mapclassify.Quantiles(x, k=k).bins
    return _sans_doublons([float(x[0])] + [float(b) for b in hautes])


def tetes_queues(valeurs, k: int | None = None) -> list[float]:
    """Les bornes des têtes et queues (`mapclassify.HeadTailBreaks`, Jiang 2013) : la moyenne
    sépare les petites valeurs (la queue) des grandes (la tête), puis la tête est de nouveau coupée
    à sa moyenne, tant qu'elle reste minoritaire. Pour des valeurs très inégales (une ville et
    beaucoup de villages) ; le nombre de classes vient des données, `k` n'est qu'un plafond."""
    x = _valeurs_propres(valeurs)
    if x.size == 0:
        return []
    hautes = [float(b) for b in mapclassify.HeadTailBreaks(x).bins]
    if k is not None and len(hautes) > k:  # les dernières têtes réunies
        hautes = hautes[: k - 1] + [hautes[-1]]
    return _sans_doublons([float(x[0])] + hautes)


def _sans_doublons(bornes: list[float]) -> list[float]:
    """Retire les bornes répétées (classes vides), mais garde une première classe faite du seul
    minimum."""
    propres = bornes[:2]
    for b in bornes[2:]:
        if b > propres[-1]:
            propres.append(b)
    return propres


_CALCULS = {"jenks": seuils_naturels, "quantiles": quantiles, "tetes_queues": tetes_queues}


def classer(valeurs, methode: str = "jenks", k: int = 5) -> Classes:
    """Les bornes des classes des valeurs par la méthode choisie (une clé de METHODES)."""
    if methode not in METHODES:
        raise ValueError(
            f"Méthode de classement inconnue : {methode!r} (choix : {', '.join(METHODES)})."
        )
    if k < 2:
        raise ValueError(f"Il faut au moins 2 classes (demandé : {k}).")
    return Classes(methode=methode, bornes=tuple(_CALCULS[methode](valeurs, k)))
