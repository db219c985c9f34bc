"""Contrôle d'un contour GeoJSON avant qu'il soit écrit : lisible, fini, sur la Terre, borné en
sommets, et valide (un polygone qui se recoupe est réparé par shapely quand le résultat reste un
polygone, refusé sinon).

Un contour refusé ici aurait fait échouer la carte bien plus tard (« Contour illisible ») ; le
refus nomme l'entité et son code, au moment de l'import.
"""

from __future__ import annotations

import math

import shapely
from shapely.geometry import mapping, shape

from vigie.alimentation.importation.erreurs import ErreurImport
from vigie.format_fr import nombre

# Le contour détaillé le plus lourd d'ADMIN EXPRESS (une commune littorale) a quelques dizaines de
# milliers de sommets ; au-delà d'un million, c'est une erreur ou une attaque, pas un contour.
SOMMETS_MAX = 1_000_000
POLYGONAUX = ("Polygon", "MultiPolygon")


def _refus(fichier: str, numero: int, code: str, probleme: str) -> ErreurImport:
    return ErreurImport(
        fichier,
        f"l'entité n° {numero} (code {code}) : {probleme}",
        "Reprenez le contour publié (IGN ADMIN EXPRESS ou geo.api.gouv.fr) ; s'il a été "
        "retouché dans un SIG, exportez-le à nouveau en GeoJSON (WGS 84).",
        colonne="geometry",
    )


def controler(geometrie: dict, fichier: str, numero: int, code: str) -> tuple[dict, bool]:
    """Le contour à écrire (au format GeoJSON) et s'il a été réparé.

    Raises:
        ErreurImport: coordonnées illisibles, non finies, hors des longitudes et latitudes,
        trop de sommets, ou un contour que la réparation ne rend pas polygonal.
    """
    try:
        forme = shape(geometrie)
    except (ValueError, TypeError, KeyError, AttributeError, shapely.errors.GEOSException):
        # Le message de GEOS est en anglais : on dit en français ce qu'il faut à un contour.
        raise _refus(
            fichier,
            numero,
            code,
            "coordonnées illisibles : chaque anneau doit être fermé et compter au moins quatre "
            "points, chacun fait de deux nombres (longitude, latitude).",
        ) from None
    if forme.is_empty:
        raise _refus(fichier, numero, code, "contour vide.")
    sommets = shapely.get_num_coordinates(forme)
    if sommets > SOMMETS_MAX:
        raise _refus(
            fichier, numero, code, f"{nombre(sommets)} sommets, au-delà de {nombre(SOMMETS_MAX)}."
        )
    xmin, ymin, xmax, ymax = forme.bounds
    if not all(math.isfinite(v) for v in (xmin, ymin, xmax, ymax)):
        raise _refus(fichier, numero, code, "coordonnées non numériques (NaN ou infinies).")
    if xmin < -180 or xmax > 180 or ymin < -90 or ymax > 90:
        raise _refus(
            fichier,
            numero,
            code,
            "coordonnées hors des longitudes (−180 à 180) et latitudes (−90 à 90) : le fichier "
            "n'est sans doute pas en WGS 84 (Lambert 93 ?).",
        )
    if forme.is_valid:
        return geometrie, False
    reparee = shapely.make_valid(forme)
    if reparee.geom_type == "GeometryCollection":
        # Garde les morceaux polygonaux ; une ligne ou un point né de la réparation n'a pas d'aire.
        polygones = [g for g in reparee.geoms if g.geom_type in POLYGONAUX]
        reparee = shapely.unary_union(polygones) if polygones else reparee
    if reparee.geom_type not in POLYGONAUX or reparee.area == 0:
        raise _refus(fichier, numero, code, "contour invalide que la réparation ne sauve pas.")
    return mapping(reparee), True
