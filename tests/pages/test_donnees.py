"""La page Données (issue 8), pilotée par AppTest comme le ferait un utilisateur : parcourir une vue
filtrée sur le territoire choisi, lire son en-tête, l'exporter ; lancer une requête dans
l'explorateur SQL, et voir une tentative d'évasion refusée en français."""

from __future__ import annotations

import pytest

from tests.conftest import lancer_app

PAGE = "pages/donnees.py"


@pytest.fixture
def app(env_base):
    app = lancer_app(PAGE, niveau="epci", code="000000001")
    assert not app.exception, app.exception
    return app


def _textes(app) -> str:
    morceaux = [m.value for m in app.markdown] + [c.value for c in app.caption]
    morceaux += [e.value for e in app.info] + [e.value for e in app.error]
    morceaux += [w.value for w in app.warning]
    return "\n".join(str(m) for m in morceaux)


def test_vue_indicateur_filtree_sur_le_territoire(app):
    app.selectbox(key="donnees_objet").set_value("mart_part_75_ans_plus").run()
    assert not app.exception, app.exception
    textes = _textes(app)
    assert "Part des personnes de 75 ans ou plus, par commune" in textes
    assert "% des habitants" in textes and "sql/views/mart_part_75_ans_plus.sql" in textes
    assert "indicateur" in textes
    tableau = app.dataframe[-1].value
    # Seulement les communes de l'EPCI choisi.
    assert tableau["code_commune"].nunique() < 59
    assert len(app.get("plotly_chart")) == 1

    app.toggle(key="donnees_limiter_mart_part_75_ans_plus").set_value(False).run()
    assert app.dataframe[-1].value["code_commune"].nunique() == 59


def test_filtre_annees_et_modalites(app):
    app.selectbox(key="donnees_objet").set_value("mart_equipements").run()
    app.multiselect(key="donnees_cat_mart_equipements_service").set_value(["ehpad"]).run()
    assert not app.exception, app.exception
    tableau = app.dataframe[-1].value
    assert set(tableau["service"]) == {"ehpad"}
    assert set(tableau["code_perimetre"]) == {"000000001"}

    app.selectbox(key="donnees_objet").set_value("mart_indicateurs_cles").run()
    app.select_slider(key="donnees_annees_mart_indicateurs_cles").set_value((2010, 2015)).run()
    tableau = app.dataframe[-1].value
    assert tableau["annee"].between(2010, 2015).all() and len(tableau) == 6


def test_table_avec_commentaires(app):
    app.selectbox(key="donnees_objet").set_value("commune").run()
    assert not app.exception
    assert "géographie en vigueur" in _textes(app)
    colonnes = app.dataframe[0].value
    assert "Code INSEE à 5 caractères" in " ".join(colonnes["Description"])


def test_explorateur_sql_resultat_et_refus(app):
    app.text_area(key="donnees_sql").set_value(
        "select service, count(*) as n from equipement group by service order by n desc"
    ).run()
    app.button(key="donnees_executer").click().run()
    assert not app.exception, app.exception
    assert "12 lignes" in _textes(app)
    assert list(app.dataframe[-1].value.columns) == ["service", "n"]

    app.text_area(key="donnees_sql").set_value("copy commune to '/tmp/fuite.csv'").run()
    app.button(key="donnees_executer").click().run()
    assert "(COPY) est refusée" in _textes(app)

    app.text_area(key="donnees_sql").set_value("select 1; drop view mart_equipements").run()
    app.button(key="donnees_executer").click().run()
    assert "une seule instruction" in _textes(app)
