"""Page Population (issue 4) : le Pays, un EPCI et une commune montrent la projection enregistrée,
les widgets de scénario et d'année changent ce qui est montré, et rien ne lève d'exception."""

from __future__ import annotations

import duckdb
import pytest

from tests.conftest import lancer_app
from vigie.figures import population as gp
from vigie.format_fr import nombre

PAGE = "pages/population.py"
# Chaque section de détail et le nombre de graphiques qu'elle dessine sous le total et l'éventail.
SECTIONS = {"ages": 1, "pyramide": 1, "composantes": 1, "menages": 1, "fiabilite": 2}
CAS = [("territoire", "PAYSDEMO"), ("epci", "000000001"), ("commune", "00001")]


def _attendu(base, niveau, code, horizon=2050, scenario="central"):
    """Projection centrale d'un périmètre à l'horizon, lue dans la base."""
    with duckdb.connect(str(base), read_only=True) as con:
        return con.execute(
            "select population, bas_80, haut_80 from projection_intervalle where scenario = $s"
            " and niveau = $n and code_perimetre = $c and annee = $a and groupe_age = 'Ensemble'",
            {"s": scenario, "n": niveau, "c": code, "a": horizon},
        ).fetchone()


def _textes(app) -> str:
    return "\n".join(m.value for m in app.markdown)


@pytest.mark.parametrize("niveau,code", CAS)
def test_page_montre_les_chiffres_de_la_base(env_base, niveau, code):
    app = lancer_app(PAGE, niveau=niveau, code=code, horizon=2050)
    assert not app.exception, [e.value for e in app.exception]
    population, bas, haut = _attendu(env_base, niveau, code)
    texte = _textes(app)
    # le titre : « En 2050, X compterait environ N habitants, entre B et H. »
    assert f"environ {nombre(gp.arrondi(population))} habitants" in texte
    assert f"entre {nombre(gp.arrondi(bas))} et {nombre(gp.arrondi(haut))}" in texte
    assert bas <= population <= haut
    metriques = {m.label: m.value for m in app.metric}
    assert metriques["Habitants en 2050"] == nombre(gp.arrondi(population))
    # premier affichage : total, éventail et groupes d'âges ; chaque autre section dessine les siens
    assert len(app.get("plotly_chart")) == 3
    assert "Une projection n'est pas une prévision" in app.info[0].value
    if niveau != "territoire":
        return  # les sections de détail, une fois suffit : elles ne dépendent pas du niveau
    for section, graphiques in SECTIONS.items():
        app.segmented_control(key="population_section").set_value(section).run()
        assert not app.exception, (section, [e.value for e in app.exception])
        assert len(app.get("plotly_chart")) == 2 + graphiques, section


def test_horizon_de_la_barre_laterale(env_base):
    app = lancer_app(PAGE, niveau="epci", code="000000002", horizon=2035)
    assert not app.exception
    population, _, _ = _attendu(env_base, "epci", "000000002", horizon=2035)
    assert "En 2035, " in app.markdown[0].value
    assert f"environ {nombre(gp.arrondi(population))} habitants" in _textes(app)


def test_changer_de_scenario_change_l_affichage(env_base):
    app = lancer_app(PAGE, niveau="territoire", code="PAYSDEMO", horizon=2050)
    avant = _textes(app)
    app.selectbox(key="population_scenario").set_value("migrations_hautes").run()
    assert not app.exception
    apres = _textes(app)
    assert apres != avant
    with duckdb.connect(str(env_base), read_only=True) as con:
        haute = con.execute(
            "select sum(population) from projection_population where scenario = 'migrations_hautes'"
            " and annee = 2050"
        ).fetchone()[0]
    assert f"**Migrations hautes (soldes ×1,5)** : {nombre(gp.arrondi(haute))} habitants" in apres
    # les groupes d'âges clés viennent maintenant du scénario choisi, sans intervalles
    assert "scénario sans fourchette" in apres


def test_changer_d_annee_change_la_pyramide(env_base):
    app = lancer_app(PAGE, niveau="commune", code="00001", horizon=2050)
    app.segmented_control(key="population_section").set_value("pyramide").run()
    app.select_slider(key="population_annee").set_value(2045).run()
    assert not app.exception
    with duckdb.connect(str(env_base), read_only=True) as con:
        total = con.execute(
            "select sum(population) from projection_population where scenario = 'central'"
            " and code_commune = '00001' and annee = 2045"
        ).fetchone()[0]
    metriques = {m.label: m.value for m in app.metric}
    assert metriques["Habitants en 2045 (scénario central)"] == nombre(gp.arrondi(total))
