"""Géographie du territoire fictif : contour, communes, EPCI, polygones.

Ce module possède la carte du « Pays de démonstration » : un contour d'environ 1 700 km² avec une
côte découpée au nord et à l'ouest et un estuaire, 59 chefs-lieux placés sur une grille perturbée,
une tessellation de Voronoï découpée par le contour (une commune = une cellule), les trois EPCI et
les noms inventés. Les calculs se font en kilomètres (x vers l'est, y vers le nord) puis sont
projetés en longitude/latitude WGS84 autour de (-3,9 ; 48,45) par une projection
équirectangulaire locale. Les codes commencent par « 00 » et ne peuvent pas rencontrer un code
INSEE réel (aucun département 00).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import shapely
from shapely.geometry import LineString, MultiPoint, Point, Polygon, mapping

LON0, LAT0 = -4.25, 48.28  # coin sud-ouest du repère en km
KM_PAR_DEG_LAT = 110.57
KM_PAR_DEG_LON = 111.32 * math.cos(math.radians(48.5))

NB_COMMUNES = 59
CODE_DEP = "00"
CODE_REG = "00"
NOM_DEP = "Département de démonstration"
CODE_TERRITOIRE = "PAYSDEMO"
NOM_TERRITOIRE = "Pays de démonstration"

# Noms inventés, de forme bretonne. Vérifiés contre le COG 2026 (communes actuelles et anciennes) :
# aucun n'est le nom d'une commune réelle (voir le test qui le contrôle quand ../shared/data existe).
VILLE_CENTRE = "Porz-Vihan"
NOMS_COMMUNES = (
    "Plouvenec-sur-Mer", "Lanvelen", "Kerhoaden", "Tréguenven", "Plounérec", "Locmazé",
    "Guernoual", "Saint-Tudan", "Plouzaven", "Lannarvel", "Penhoat-Izel", "Trévarzel",
    "Kerbrunec", "Plougaden", "Lanhouarec", "Loc-Ervan", "Saint-Gonvel", "Plélouan",
    "Ploubénal", "Coat-Meur", "Lanvézoc", "Guiclaouen", "Rosvenec", "Bodilan", "Kermorgat",
    "Tréflazec", "Plouguern-Vraz", "Lezardel", "Gwenrouz", "Saint-Ivoran", "Penvillec",
    "Ploumazel", "Lanriouec", "Kergadou-Bihan", "Trébodan", "Locquénan", "Plouescaden",
    "Guimiliec", "Coat-Nevez", "Ploudouran", "Lanmeurec", "Kerhervé-sur-Mer", "Tréhouarn",
    "Saint-Alor", "Plounévézec", "Lannuzel", "Bodérec", "Pleyvenec", "Roscaden", "Kerlavan",
    "Locarnel", "Plouharzel", "Guenvel", "Porz-Gwenn", "Plouzélec", "Saint-Houarno",
    "Coat-Kerven", "Lanfaven", "Tréouzal", "Plougoulven", "Lesvenan",
)  # fmt: skip

# Les trois EPCI (SIREN fictifs à 9 chiffres commençant par 000).
EPCI = (
    ("000000001", "Communauté d'agglomération de Porz-Vihan", "CA"),
    ("000000002", "Communauté de communes de la Côte des Abers fictive", "CC"),
    ("000000003", "Communauté de communes du Haut-Trégor fictif", "CC"),
)


@dataclass
class Commune:
    """Une commune fictive : code, nom, EPCI, position du chef-lieu (km), cellule (km)."""

    code_commune: str
    nom_commune: str
    code_epci: str
    x: float
    y: float
    cellule: shapely.Geometry
    littoral: int
    type_commune: str  # 'ville', 'littoral' ou 'interieur'

    @property
    def superficie_km2(self) -> float:
        return round(float(self.cellule.area), 2)


def _cote_nord(x: np.ndarray) -> np.ndarray:
    """Ordonnée (km) du trait de côte nord, avec anses et l'estuaire de la ville-centre."""
    y = 33.0 + 1.6 * np.sin(x / 3.1) + 1.0 * np.sin(x / 1.3 + 1.0) + 0.5 * np.sin(x / 0.6)
    y = y - 9.0 * np.exp(-(((x - 41.0) / 1.6) ** 2))  # estuaire (ria) remontant vers la ville
    y = y - 2.5 * np.exp(-(((x - 20.0) / 2.5) ** 2))  # baie à l'ouest
    return y


def _cote_ouest(y: np.ndarray) -> np.ndarray:
    """Abscisse (km) du trait de côte ouest, entre y = 16 et la côte nord."""
    return 2.0 + 1.2 * np.sin(y / 1.7) + 0.6 * np.sin(y / 0.7 + 2.0)


def contour() -> tuple[Polygon, LineString]:
    """Contour du territoire et trait de côte (km).

    Returns:
        Le polygone du territoire et la ligne de côte (nord puis ouest).
    """
    xs = np.linspace(64.0, _cote_ouest(np.array([33.0]))[0], 400)
    nord = list(zip(xs, _cote_nord(xs), strict=True))
    ys = np.linspace(nord[-1][1], 16.0, 120)
    ouest = list(zip(_cote_ouest(ys), ys, strict=True))
    cote = LineString(nord + ouest)
    # Limites terrestres (sud et est), légèrement ondulées.
    sud_x = np.linspace(6.0, 62.0, 60)
    sud = list(zip(sud_x, 1.5 * np.sin(sud_x / 4.0) + 0.8 * np.sin(sud_x / 1.5), strict=True))
    sud_ouest = [(ouest[-1][0] + 0.5, 12.5), (4.0, 9.0)]
    est_y = np.linspace(2.0, nord[0][1] - 0.1, 30)
    est = list(zip(64.0 + 1.2 * np.sin(est_y / 2.5), est_y, strict=True))
    anneau = nord + ouest + sud_ouest + sud + est
    poly = shapely.make_valid(Polygon(anneau))
    if poly.geom_type != "Polygon":
        poly = max(poly.geoms, key=lambda g: g.area)
    return poly, cote


def _centres(poly: Polygon, rng: np.random.Generator) -> np.ndarray:
    """59 chefs-lieux : la ville-centre au fond de l'estuaire, les autres sur une grille perturbée."""
    ville = np.array([41.0, 22.0])
    pas = 5.3
    points = []
    for j, y in enumerate(np.arange(1.5, 36.0, pas * 0.866)):
        for x in np.arange(1.0 + (j % 2) * pas / 2, 66.0, pas):
            p = np.array([x, y]) + rng.uniform(-1.3, 1.3, size=2)
            if poly.buffer(-1.2).contains(Point(p)) and np.hypot(*(p - ville)) > 3.5:
                points.append(p)
    points = np.array(points)
    surplus = len(points) - (NB_COMMUNES - 1)
    if surplus > 0:
        garde = np.sort(rng.choice(len(points), size=NB_COMMUNES - 1, replace=False))
        points = points[garde]
    elif surplus < 0:
        raise RuntimeError(f"grille trop lâche : {len(points)} chefs-lieux")
    return np.vstack([ville, points])


def construire_communes(rng: np.random.Generator) -> tuple[list[Commune], Polygon, LineString]:
    """Construit les 59 communes, leurs cellules, leur EPCI et leur caractère littoral.

    Args:
        rng: générateur aléatoire (graine fixe dans le générateur).

    Returns:
        Les communes (la ville-centre en premier, code 00001), le contour, le trait de côte.
    """
    poly, cote = contour()
    centres = _centres(poly, rng)
    cellules = shapely.voronoi_polygons(
        MultiPoint([tuple(c) for c in centres]), extend_to=poly.buffer(20), ordered=True
    )
    communes = []
    ordre = np.lexsort((centres[1:, 0], -centres[1:, 1]))  # du nord au sud pour la numérotation
    index = [0] + [int(i) + 1 for i in ordre]
    for rang, i in enumerate(index):
        cell = shapely.make_valid(cellules.geoms[i].intersection(poly))
        if cell.geom_type == "GeometryCollection":
            cell = shapely.unary_union([g for g in cell.geoms if g.area > 0])
        x, y = centres[i]
        littoral = int(cell.distance(cote) < 1e-6 or cell.buffer(0.05).intersects(cote))
        if rang == 0:
            nom, type_commune = VILLE_CENTRE, "ville"
        else:
            nom = NOMS_COMMUNES[rang - 1]
            type_commune = "littoral" if littoral else "interieur"
        if rang == 0 or x > 36.0:
            code_epci = EPCI[0][0]
        elif y > 21.0:
            code_epci = EPCI[1][0]
        else:
            code_epci = EPCI[2][0]
        communes.append(
            Commune(
                f"{rang + 1:05d}", nom, code_epci, float(x), float(y), cell, littoral, type_commune
            )
        )
    return communes, poly, cote


def km_vers_lonlat(coords: np.ndarray) -> np.ndarray:
    """Projection équirectangulaire locale : km -> (lon, lat) en degrés."""
    lon = LON0 + coords[:, 0] / KM_PAR_DEG_LON
    lat = LAT0 + coords[:, 1] / KM_PAR_DEG_LAT
    return np.column_stack([lon, lat])


def geojson_communes(communes: list[Commune]) -> dict:
    """FeatureCollection WGS84 (coordonnées arrondies à 5 décimales), une entité par commune."""
    geoms = [shapely.transform(c.cellule, km_vers_lonlat) for c in communes]
    # Arrondi sur une grille de 1e-5 degré : les sommets partagés restent identiques entre voisines.
    geoms = shapely.set_precision(geoms, 1e-5)
    features = []
    for c, g in zip(communes, geoms, strict=True):
        geometrie = mapping(g)
        geometrie = _arrondir(geometrie)
        features.append(
            {
                "type": "Feature",
                "properties": {"code_commune": c.code_commune, "nom_commune": c.nom_commune},
                "geometry": geometrie,
            }
        )
    return {"type": "FeatureCollection", "features": features}


def _arrondir(obj):
    """Arrondit récursivement les coordonnées à 5 décimales (et convertit tuples en listes)."""
    if isinstance(obj, dict):
        return {k: _arrondir(v) for k, v in obj.items()}
    if isinstance(obj, list | tuple):
        return [_arrondir(v) for v in obj]
    if isinstance(obj, float):
        return round(obj, 5)
    return obj


def voisins_les_plus_proches(communes: list[Commune], hotes: list[int]) -> list[int]:
    """Pour chaque commune, l'indice de la commune hôte (dans `hotes`) la plus proche."""
    xy = np.array([[c.x, c.y] for c in communes])
    h = np.array(hotes)
    d = np.hypot(xy[:, None, 0] - xy[None, h, 0], xy[:, None, 1] - xy[None, h, 1])
    return [int(h[k]) for k in d.argmin(axis=1)]
