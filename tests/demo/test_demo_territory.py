"""Tests du territoire fictif de démonstration (data/demo), lus tels qu'ils sont committés.

Vérifie : effectifs et bornes, codes impossibles à confondre avec des codes INSEE réels, bilan
démographique exact (convention de cohorte, âge 0 regroupant deux générations, voir
vigie/demo/demographie.py), absence de valeurs négatives, séries d'usage (couverture, mois
manquants, choc de 2020, ouverture et fermeture), GeoJSON valide et déterminisme du générateur.
"""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

RACINE = Path(__file__).resolve().parents[2]
DEMO = RACINE / "data" / "demo"
PARTAGE = RACINE.parent / "shared" / "data"
ANNEES_PUBLIEES = [1999, *range(2006, 2022)]
SERVICES = {
    "petite_enfance", "ecole_maternelle", "ecole_elementaire", "college", "ehpad", "ssiad",
    "mediatheque", "piscine", "transport", "eau", "dechets", "restauration_scolaire",
}  # fmt: skip


def lire_csv(nom: str) -> pd.DataFrame:
    return pd.read_csv(DEMO / nom, sep=";", dtype={"code_commune": str, "code_epci": str,
                                                   "code_dep": str, "code_reg": str})  # fmt: skip


@pytest.fixture(scope="module")
def communes() -> pd.DataFrame:
    return lire_csv("communes.csv")


@pytest.fixture(scope="module")
def tableaux(communes):
    """Population, décès, solde en tableaux (annee -> (communes, 2, 101)) et naissances."""
    codes = list(communes.code_commune)
    pos = {c: i for i, c in enumerate(codes)}

    def cube(nom: str, colonne: str) -> dict[int, np.ndarray]:
        df = pd.read_parquet(DEMO / nom)
        sortie = {}
        for annee, g in df.groupby("annee"):
            t = np.zeros((len(codes), 2, 101))
            t[g.code_commune.map(pos), g.sexe - 1, g.age] = g[colonne]
            sortie[int(annee)] = t
        return sortie

    nais = lire_csv("naissances.csv")
    naissances = {}
    for annee, g in nais.groupby("annee"):
        t = np.zeros((len(codes), 2))
        t[g.code_commune.map(pos), g.sexe - 1] = g.naissances
        naissances[int(annee)] = t
    return {
        "population": cube("population.parquet", "population"),
        "deces": cube("deces.parquet", "deces"),
        "solde": cube("solde_migratoire.parquet", "solde_migratoire"),
        "naissances": naissances,
    }


def test_effectifs_et_bornes(communes, tableaux):
    epci = lire_csv("epci.csv")
    assert len(epci) == 3
    assert set(epci.nature_epci) <= {"CA", "CC"}
    assert 50 <= len(communes) <= 70
    assert communes.code_commune.is_unique
    assert set(communes.code_epci) == set(epci.code_epci)
    p21 = tableaux["population"][2021].sum(axis=(1, 2))
    assert p21.min() >= 150 and p21.max() <= 16_000
    assert 120_000 <= p21.sum() <= 140_000
    assert p21.max() >= 12_000  # une ville-centre
    assert set(tableaux["population"]) == set(ANNEES_PUBLIEES)
    assert set(tableaux["deces"]) == set(range(1999, 2022))


def test_vieillissement(tableaux):
    part = {
        a: tableaux["population"][a][:, :, 75:].sum() / tableaux["population"][a].sum()
        for a in (1999, 2021)
    }
    assert part[2021] > part[1999] + 0.01


def test_codes_fictifs(communes):
    assert communes.code_commune.str.fullmatch(r"00\d{3}").all()
    assert (communes.code_dep == "00").all() and (communes.code_reg == "00").all()
    assert lire_csv("epci.csv").code_epci.str.fullmatch(r"000\d{6}").all()
    assert lire_csv("departements.csv").code_dep.tolist() == ["00"]
    terr = lire_csv("territoires.csv")
    assert terr.code_territoire.tolist() == ["PAYSDEMO"]
    membres = lire_csv("territoire_communes.csv")
    assert set(membres.code_commune) == set(communes.code_commune)


@pytest.mark.skipif(not (PARTAGE / "cog").exists(), reason="../shared/data absent")
def test_noms_fictifs(communes):
    def norm(s: str) -> str:
        s = unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode()
        return s.lower().replace("-", " ").replace("'", " ")

    reels = {norm(x) for x in pd.read_csv(PARTAGE / "cog" / "v_commune_2026.csv").LIBELLE}
    assert not {norm(x) for x in communes.nom_commune} & reels


def test_pas_de_negatif_et_entiers(tableaux):
    for nom in ("population", "deces", "naissances"):
        for t in tableaux[nom].values():
            assert (t >= 0).all()
            assert np.array_equal(t, np.round(t))
    for t in tableaux["solde"].values():
        assert np.array_equal(t, np.round(t))


def bilan(tab, t0: int, t1: int):
    """Population attendue en t1 à partir de t0 et des composantes, et l'observée, regroupées
    comme la convention le permet exactement : âges n+1..99 un par un, 100 et plus, et le groupe
    0..n (n = t1 - t0) qui mêle naissances et enfants de 0 an au 1er janvier de t0."""
    n = t1 - t0
    p0, p1 = tab["population"][t0], tab["population"][t1]
    attendu = np.zeros(p1.shape[:2] + (101 - n,))
    observe = np.zeros_like(attendu)
    # Colonne 0 : groupe d'âges 0..n en t1 ; colonne j >= 1 : âge n + j.
    observe[:, :, 0] = p1[:, :, : n + 1].sum(axis=2)
    observe[:, :, 1:] = p1[:, :, n + 1 :]
    attendu[:, :, 0] = p0[:, :, 0]
    for x in range(n + 1, 100):
        attendu[:, :, x - n] = p0[:, :, x - n]
    attendu[:, :, 100 - n] = p0[:, :, 100 - n :].sum(axis=2)
    for k in range(n):
        annee = t0 + k
        flux = tab["solde"][annee] - tab["deces"][annee]
        attendu[:, :, 0] += tab["naissances"][annee] + flux[:, :, : k + 1].sum(axis=2)
        for x in range(n + 1, 100):
            attendu[:, :, x - n] += flux[:, :, x - n + k]
        attendu[:, :, 100 - n] += flux[:, :, 100 - n + k :].sum(axis=2)
    return attendu, observe


@pytest.mark.parametrize("t0,t1", [(1999, 2006), *[(a, a + 1) for a in range(2006, 2021)]])
def test_bilan_exact_par_age(tableaux, t0, t1):
    attendu, observe = bilan(tableaux, t0, t1)
    np.testing.assert_array_equal(attendu, observe)


def test_bilan_exact_par_commune(tableaux):
    pop = tableaux["population"]
    for t0, t1 in [(1999, 2006), (2006, 2021)]:
        total = pop[t0].sum(axis=(1, 2)).copy()
        for a in range(t0, t1):
            total += tableaux["naissances"][a].sum(axis=1)
            total += (tableaux["solde"][a] - tableaux["deces"][a]).sum(axis=(1, 2))
        np.testing.assert_array_equal(total, pop[t1].sum(axis=(1, 2)))


def test_ordres_de_grandeur(tableaux):
    for a in range(1999, 2022):
        pop = tableaux["population"].get(a)
        if pop is None:
            continue
        natalite = tableaux["naissances"][a].sum() / pop.sum() * 1000
        mortalite = tableaux["deces"][a].sum() / pop.sum() * 1000
        assert 6 < natalite < 13 and 9 < mortalite < 15
        garcons = tableaux["naissances"][a][:, 0].sum() / tableaux["naissances"][a].sum()
        assert 0.47 < garcons < 0.55


def test_equipements(tableaux, communes):
    eq = lire_csv("equipements.csv")
    assert eq.id_equipement.is_unique
    assert set(eq.service) == SERVICES
    assert set(eq.code_commune) <= set(communes.code_commune)
    p21 = tableaux["population"][2021]
    plus75 = p21[:, :, 75:].sum()
    assert 90 <= eq[eq.service == "ehpad"].capacite.sum() / plus75 * 1000 <= 105
    assert 15 <= eq[eq.service == "ssiad"].capacite.sum() / plus75 * 1000 <= 25
    creche = eq[eq.service == "petite_enfance"].capacite.sum() / p21[:, :, :3].sum() * 100
    assert 14 <= creche <= 19
    for service in ("ecole_maternelle", "ecole_elementaire"):
        e = eq[eq.service == service]
        assert (e.unite_capacite == "classes").all()
        assert 19 <= e.effectif.sum() / e.capacite.sum() <= 24
    assert 4 <= (eq.service == "college").sum() <= 6
    assert eq.annee_fermeture.notna().sum() >= 1
    assert (eq.annee_ouverture >= 2014).sum() >= 1


@pytest.fixture(scope="module")
def usages():
    series = lire_csv("usage_series.csv")
    obs = lire_csv("usage_observations.csv")
    obs["periode"] = pd.to_datetime(obs.periode, format="%Y-%m-%d")
    return series, obs


def test_usages_couverture(usages):
    series, obs = usages
    assert 15 <= len(series) <= 30
    assert series.service.nunique() >= 6
    assert set(obs.id_serie) == set(series.id_serie)
    assert obs.periode.min() == pd.Timestamp("2014-01-01")
    assert obs.periode.max() == pd.Timestamp("2025-12-01")
    assert (obs.periode.dt.day == 1).all()
    assert (obs.valeur >= 0).all()
    assert not obs.duplicated(["id_serie", "periode"]).any()
    mois = pd.date_range("2014-01-01", "2025-12-01", freq="MS")
    trous = 0
    for _, g in obs.groupby("id_serie"):
        attendus = mois[(mois >= g.periode.min()) & (mois <= g.periode.max())]
        trous += len(attendus) - len(g)
    assert trous >= 3  # quelques mois manquants, sans ligne


def test_usages_choc_2020_et_saisons(usages):
    series, obs = usages
    v = obs.pivot(index="periode", columns="id_serie", values="valeur")
    par_service = series.groupby("service").id_serie.apply(list)
    avril = pd.Timestamp("2020-04-01")
    for service in ("piscine", "mediatheque", "restauration_scolaire"):
        for s in par_service[service]:
            if not np.isnan(v.loc[avril, s]) and not np.isnan(v.loc["2019-04-01", s]):
                assert v.loc[avril, s] < 0.1 * v.loc["2019-04-01", s]
    for s in par_service["transport"]:
        assert v.loc[avril, s] < 0.35 * v.loc["2019-04-01", s]
    for s in par_service["restauration_scolaire"]:
        aout = v[s][v.index.month == 8].dropna()
        assert (aout == 0).all()
    for s in par_service["mediatheque"]:
        m = v[s].groupby(v.index.month).mean()
        assert m[8] < m[[1, 2, 3, 10, 11]].min()


def test_usages_ouverture_et_fermeture(usages):
    series, obs = usages
    eq = lire_csv("equipements.csv").set_index("id_equipement")
    bornes = obs.groupby("id_serie").periode.agg(["min", "max"])
    bornes = bornes.join(series.set_index("id_serie").id_equipement)
    tardive = bornes[bornes["min"] > pd.Timestamp("2014-01-01")]
    arretee = bornes[bornes["max"] < pd.Timestamp("2025-12-01")]
    assert len(tardive) >= 1 and len(arretee) >= 1
    for _, r in tardive.iterrows():
        assert eq.loc[r.id_equipement, "annee_ouverture"] == r["min"].year
    for _, r in arretee.iterrows():
        assert eq.loc[r.id_equipement, "annee_fermeture"] == r["max"].year


def test_geojson(communes):
    geo = json.loads((DEMO / "communes.geojson").read_text(encoding="utf-8"))
    assert geo["type"] == "FeatureCollection"
    codes = [f["properties"]["code_commune"] for f in geo["features"]]
    assert sorted(codes) == sorted(communes.code_commune)
    for f in geo["features"]:
        assert f["geometry"]["type"] in ("Polygon", "MultiPolygon")
        polys = (
            [f["geometry"]["coordinates"]]
            if f["geometry"]["type"] == "Polygon"
            else f["geometry"]["coordinates"]
        )
        for poly in polys:
            for anneau in poly:
                assert anneau[0] == anneau[-1] and len(anneau) >= 4
                for lon, lat in anneau:
                    assert -5.5 < lon < -2.5 and 47.5 < lat < 49.5
                    assert round(lon, 5) == lon and round(lat, 5) == lat


def test_geojson_shapely(communes):
    shapely = pytest.importorskip("shapely")
    from shapely.geometry import shape

    geo = json.loads((DEMO / "communes.geojson").read_text(encoding="utf-8"))
    geoms = {f["properties"]["code_commune"]: shape(f["geometry"]) for f in geo["features"]}
    assert all(g.is_valid for g in geoms.values())
    # Surfaces : degrés² -> km² par la projection locale (48,5° N).
    k = 110.57 * 111.32 * np.cos(np.radians(48.5))
    surf = communes.set_index("code_commune").superficie_km2
    for code, g in geoms.items():
        assert abs(g.area * k / surf[code] - 1) < 0.03
    total = sum(g.area for g in geoms.values())
    union = shapely.union_all(list(geoms.values())).area
    assert abs(union - total) / total < 1e-4  # pas de recouvrement
    assert 1_500 <= surf.sum() <= 2_000


def test_sources():
    sources = lire_csv("sources.csv")
    fichiers = {p.name for p in DEMO.iterdir()} - {"README.md", "sources.csv"}
    assert set(sources.fichier) == fichiers
    assert (sources.licence == "Licence Ouverte / Etalab 2.0").all()


def test_taille_totale():
    assert sum(p.stat().st_size for p in DEMO.iterdir()) < 5_000_000


def test_determinisme(tmp_path):
    from vigie.demo.generator import generer

    generer(tmp_path)
    for p in tmp_path.iterdir():
        assert p.read_bytes() == (DEMO / p.name).read_bytes(), p.name
