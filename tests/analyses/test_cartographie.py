"""Les classes de la carte (seuils naturels, quantiles, têtes et queues), la simplification des
contours et les géométries réelles qui ne sont pas de simples polygones (issue 13)."""

from __future__ import annotations

import itertools
import json

import mapclassify
import numpy as np
import pytest
import shapely

from vigie.alimentation import geographie_cog as geographie
from vigie.analyses import cartographie
from vigie.analyses.cartographie import Classes, classer, quantiles, seuils_naturels, tetes_queues


def _force_brute(x, k):
    """Le meilleur découpage, en les essayant tous (petites entrées seulement)."""
    x = np.sort(np.asarray(x, dtype=float))
    meilleur, bornes = np.inf, None
    for coupes in itertools.combinations(range(1, len(x)), k - 1):
        morceaux = np.split(x, coupes)
        cout = sum(((m - m.mean()) ** 2).sum() for m in morceaux)
        if cout < meilleur - 1e-12:
            meilleur, bornes = cout, [x[0]] + [m[-1] for m in morceaux]
    return bornes


@pytest.mark.parametrize("graine", range(12))
def test_seuils_naturels_egalent_la_meilleure_partition(graine):
    rng = np.random.default_rng(graine)
    x = rng.gamma(2.0, size=int(rng.integers(6, 12)))
    k = int(rng.integers(2, 5))
    assert np.allclose(seuils_naturels(x, k), _force_brute(x, k))


@pytest.mark.filterwarnings("ignore:Numba not installed")
@pytest.mark.parametrize("graine", range(6))
def test_seuils_naturels_egalent_ceux_de_mapclassify(graine):
    # La version écrite ici (plus rapide, voir sa docstring) rend les seuils de la bibliothèque.
    x = np.random.default_rng(100 + graine).lognormal(size=150)
    attendu = mapclassify.FisherJenks(x, k=5).bins
    assert np.allclose(seuils_naturels(x, 5)[1:], attendu, rtol=1e-6)


def test_tetes_et_queues_isolent_les_grandes_valeurs():
    # Une ville et des villages : la moyenne sépare la queue, puis la tête se coupe à sa moyenne.
    x = [10.0] * 40 + [100.0] * 8 + [1000.0] * 2 + [10000.0]
    bornes = tetes_queues(x, 5)
    assert bornes[0] == 10.0 and bornes[-1] == 10000.0
    assert bornes[1] == pytest.approx(sum(x) / len(x))  # la moyenne coupe la queue
    assert list(classer(x, "tetes_queues", 5).indices(x)) == [0] * 48 + [1] * 2 + [2]
    assert len(tetes_queues(np.random.default_rng(2).pareto(1.2, 2000), 3)) <= 4  # k plafonne


def test_seuils_naturels_separent_des_groupes_evidents():
    x = [1, 2, 3, 10, 11, 12, 50, 51]
    assert seuils_naturels(x, 3) == [1.0, 3.0, 12.0, 51.0]
    assert list(classer(x, "jenks", 3).indices(x)) == [0, 0, 0, 1, 1, 1, 2, 2]


def test_valeurs_manquantes_et_cas_limites():
    classes = classer([np.nan, 4.0, 4.0, 4.0], "jenks", 5)
    assert classes.nombre == 1 and list(classes.indices([4.0, np.nan])) == [0, -1]
    # Moins de valeurs distinctes que de classes : une classe par valeur, le minimum seul dans la
    # première.
    assert seuils_naturels([1, 2, 3], 5) == [1.0, 1.0, 2.0, 3.0]
    assert list(Classes("jenks", (1.0, 1.0, 2.0, 3.0)).indices([1, 2, 3])) == [0, 1, 2]
    assert seuils_naturels([], 5) == []
    with pytest.raises(ValueError, match="Méthode de classement inconnue"):
        classer([1, 2], "egal", 3)


def test_grand_nombre_de_valeurs_par_echantillon_ordonne():
    x = np.random.default_rng(1).normal(size=20_000)
    bornes = seuils_naturels(x, 6)
    assert len(bornes) == 7 and bornes[0] == x.min() and bornes[-1] == x.max()
    assert all(a < b for a, b in zip(bornes, bornes[1:], strict=False))


def test_quantiles_repartissent_les_communes():
    x = np.arange(100, dtype=float)
    bornes = quantiles(x, 4)
    effectifs = np.bincount(Classes("quantiles", tuple(bornes)).indices(x))
    assert bornes[0] == 0 and bornes[-1] == 99
    assert effectifs.max() - effectifs.min() <= 1


@pytest.mark.parametrize("methode", ["jenks", "quantiles"])
def test_les_classes_couvrent_toutes_les_valeurs(methode):
    x = np.random.default_rng(3).lognormal(size=279)
    classes = classer(x, methode, 5)
    indices = classes.indices(x)
    assert indices.min() == 0 and indices.max() == classes.nombre - 1
    for i in range(classes.nombre):
        dans = x[indices == i]
        assert dans.min() >= classes.bornes[i] and dans.max() <= classes.bornes[i + 1]


def _demo_geojson():
    from vigie import chemins

    donnees = json.loads((chemins.DOSSIER_DEMO / "communes.geojson").read_text(encoding="utf-8"))
    f = donnees["features"]
    return (
        [x["properties"]["code_commune"] for x in f],
        [x["properties"]["nom_commune"] for x in f],
        [json.dumps(x["geometry"]) for x in f],
    )


def _verifier_simplification(codes, noms, textes):
    contours = cartographie.contours(codes, noms, textes)
    assert contours.codes == list(codes)
    assert contours.points_apres < contours.points_avant
    geometries = [shapely.geometry.shape(f["geometry"]) for f in contours.collection["features"]]
    assert all(g.is_valid and not g.is_empty for g in geometries)
    assert {g.geom_type for g in geometries} <= {"Polygon", "MultiPolygon"}
    # Les frontières partagées le restent : aucun chevauchement n'apparaît entre communes voisines.
    assert shapely.coverage_is_valid(np.array(geometries))
    originales = [shapely.from_geojson(t) for t in textes]
    # Les formes sont gardées : la surface totale à 1 % près, chaque commune à 15 % près (les
    # petites îles perdent le plus, larges de quelques centaines de mètres à la tolérance d'une
    # carte de département).
    total = sum(o.area for o in originales)
    assert abs(sum(g.area for g in geometries) - total) / total < 0.01
    for g, o in zip(geometries, originales, strict=True):
        assert abs(g.area - o.area) / o.area < 0.15
    return contours


def test_simplification_du_territoire_de_demonstration():
    contours = _verifier_simplification(*_demo_geojson())
    assert contours.etendue is not None


def test_simplification_du_finistere_reel(donnees_partagees):
    chemin = donnees_partagees / "geo" / "communes-29-finistere.geojson"
    if not chemin.is_file():
        pytest.skip("contours du Finistère absents")
    f = json.loads(chemin.read_text(encoding="utf-8"))["features"]
    contours = _verifier_simplification(
        [x["properties"]["code"] for x in f],
        [x["properties"]["nom"] for x in f],
        [json.dumps(x["geometry"]) for x in f],
    )
    assert len(contours.codes) == 279
    assert contours.points_apres < 0.7 * contours.points_avant


def test_contours_absents_ou_illisibles():
    codes, noms, textes = _demo_geojson()
    contours = cartographie.contours(codes[:3], noms[:3], [textes[0], None, textes[2]])
    assert contours.sans_contour == [codes[1]] and len(contours.codes) == 2
    with pytest.raises(cartographie.ErreurGeometrie, match=codes[0]):
        cartographie.contours(codes[:1], noms[:1], ['{"type": "Point", "coordinates": [0, 0]}'])
    ligne = '{"type": "GeometryCollection", "geometries": [{"type": "LineString", "coordinates": [[0, 0], [1, 1]]}]}'
    with pytest.raises(cartographie.ErreurGeometrie, match="sans aucun polygone"):
        cartographie.contours(codes[:1], noms[:1], [ligne])
    with pytest.raises(cartographie.ErreurGeometrie, match="commune_geo"):
        cartographie.contours(codes[:1], noms[:1], ["pas du json"])


def test_repli_sans_couverture_propre():
    # Deux carrés qui se chevauchent ne forment pas une couverture : chacun est simplifié seul.
    a = shapely.Polygon([(0, 0), (1, 0), (1, 0.5), (1.0001, 0.5001), (1, 1), (0, 1)])
    b = shapely.Polygon([(0.5, 0.5), (2, 0.5), (2, 2), (0.5, 2)])
    resultat = cartographie.simplifier([a, b, None], 0.01)
    assert resultat[2] is None
    assert all(g.is_valid for g in resultat[:2])
    assert shapely.get_num_coordinates(resultat[0]) < shapely.get_num_coordinates(a)


def _carre(x0: float, y0: float) -> list:
    return [[x0, y0], [x0 + 1, y0], [x0 + 1, y0 + 1], [x0, y0 + 1], [x0, y0]]


def test_collection_de_polygones_et_de_lignes():
    """Une GeometryCollection (polygones et lignes) garde ses polygones, réunis en un contour, et
    se dessine avec ses voisines ; les lignes, sans aire, sont laissées."""
    collection = {
        "type": "GeometryCollection",
        "geometries": [
            {"type": "Polygon", "coordinates": [_carre(0, 0)]},
            {"type": "MultiLineString", "coordinates": [[[1, 0], [1, 1]]]},
            {"type": "Polygon", "coordinates": [_carre(1, 0)]},
        ],
    }
    voisine = {"type": "Polygon", "coordinates": [_carre(0, 1)]}
    contours = cartographie.contours(
        ["00001", "00002"], ["Fusionnée", "Voisine"], [json.dumps(collection), json.dumps(voisine)]
    )
    assert contours.codes == ["00001", "00002"]
    fusionnee = shapely.geometry.shape(contours.collection["features"][0]["geometry"])
    assert fusionnee.geom_type == "Polygon" and fusionnee.is_valid
    assert fusionnee.area == pytest.approx(2.0, rel=0.01)
    # Deux polygones qui se touchent dans un MultiPolygon (invalide) : même résultat.
    bout_a_bout = {"type": "MultiPolygon", "coordinates": [[_carre(0, 0)], [_carre(1, 0)]]}
    (geometrie,) = cartographie.lire_geometries(["00001"], [json.dumps(bout_a_bout)])
    assert geometrie.geom_type == "Polygon" and geometrie.area == pytest.approx(2.0)


def test_plouigneau_fusionnee_du_finistere_reel(donnees_partagees):
    """29199 Plouigneau a absorbé 29219 Le Ponthou en 2019 : ses deux contours de 2018, réunis
    comme le fait l'import puis réparés par make_valid, forment une GeometryCollection (polygone et
    lignes) ; la carte la garde et la dessine d'un seul polygone, sans trou ni chevauchement."""
    chemin = donnees_partagees / "geo" / "communes-29-finistere.geojson"
    if not chemin.is_file():
        pytest.skip("contours du Finistère absents")
    par_code = {
        x["properties"]["code"]: x
        for x in json.loads(chemin.read_text(encoding="utf-8"))["features"]
    }
    reunie = geographie.reunir_geometries(
        [json.dumps(par_code[c]["geometry"]) for c in ("29199", "29219")]
    )
    reparee = shapely.make_valid(shapely.from_geojson(reunie))
    assert reparee.geom_type == "GeometryCollection"
    assert {g.geom_type for g in reparee.geoms} >= {"Polygon", "MultiLineString"}
    codes = [c for c in par_code if c != "29219"]
    noms = [par_code[c]["properties"]["nom"] for c in codes]
    for texte in (reunie, shapely.to_geojson(reparee)):
        textes = [texte if c == "29199" else json.dumps(par_code[c]["geometry"]) for c in codes]
        contours = cartographie.contours(codes, noms, textes)
        assert len(contours.codes) == 278 and "29199" in contours.codes
        geometries = {
            f["id"]: shapely.geometry.shape(f["geometry"]) for f in contours.collection["features"]
        }
        plouigneau = geometries["29199"]
        assert plouigneau.geom_type == "Polygon" and plouigneau.is_valid
        assert plouigneau.area == pytest.approx(shapely.from_geojson(reunie).area, rel=0.01)
        assert shapely.coverage_is_valid(np.array(list(geometries.values())))
