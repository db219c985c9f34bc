"""Les pages Carte et Comparer (issue 9) : elles tournent pour un Pays, un EPCI et une commune ; la
carte montre les valeurs de la base ; les classes de la légende contiennent toutes les communes ;
la comparaison liste les références qui existent et nomme celles qui manquent."""

from __future__ import annotations

import base64
import json

import duckdb
import numpy as np
import pytest

from tests.conftest import lancer_app
from vigie.format_fr import pourcentage

CARTE = "pages/carte.py"
COMPARER = "pages/comparer.py"


def _spec(app) -> dict:
    graphiques = app.get("plotly_chart")
    assert graphiques, "aucun graphique Plotly sur la page"
    return json.loads(graphiques[0].proto.spec)


def _liste(valeur) -> list:
    """Un tableau d'une trace sous forme de liste (Plotly code les tableaux numériques en tableaux
    typés base64)."""
    if isinstance(valeur, dict) and "bdata" in valeur:
        return np.frombuffer(base64.b64decode(valeur["bdata"]), dtype=valeur["dtype"]).tolist()
    return list(valeur)


def _trace_valeurs(spec: dict) -> dict:
    return next(t for t in spec["data"] if t.get("colorbar") is not None or "showscale" not in t)


@pytest.mark.parametrize(
    ("niveau", "code", "communes"),
    [("territoire", "PAYSDEMO", 59), ("epci", "000000001", 27), ("commune", "00001", 27)],
)
def test_carte_s_affiche_pour_chaque_niveau(env_base, niveau, code, communes):
    app = lancer_app(CARTE, niveau=niveau, code=code)
    assert not app.exception, [e.value for e in app.exception]
    assert app.title[0].value == "Carte des communes"
    spec = _spec(app)
    dessinees = set()
    for trace in spec["data"]:
        if trace["type"] == "choroplethmap" and trace.get("name") != "Commune choisie":
            dessinees |= set(trace["locations"])
    assert len(dessinees) == communes
    assert spec["layout"]["map"]["style"] == "white-bg"
    if niveau == "commune":
        # La commune est entourée sur la carte de son EPCI et ses chiffres sont ouverts en dessous.
        surlignee = [t for t in spec["data"] if t.get("name") == "Commune choisie"]
        assert surlignee and surlignee[0]["locations"] == ["00001"]
        assert any("Porz-Vihan" in s.value for s in app.subheader)


def test_les_valeurs_de_la_carte_sont_celles_de_la_base(env_base):
    app = lancer_app(CARTE, niveau="territoire", code="PAYSDEMO", horizon=2040)
    app.selectbox(key="carte_indicateur").set_value("part_75_plus_projetee").run()
    assert not app.exception, [e.value for e in app.exception]
    assert app.slider(key="carte_annee_projection").value == 2040
    assert app.selectbox(key="carte_scenario").value == "central"

    with duckdb.connect(str(env_base), read_only=True) as con:
        attendu = dict(
            con.execute(
                """
                select code_commune,
                       sum(population) filter (where age >= 75) / sum(population)
                from projection_population
                where scenario = 'central' and annee = 2040
                group by code_commune
                """
            ).fetchall()
        )
    trace = _trace_valeurs(_spec(app))
    lues = {code: texte for code, texte in trace["customdata"]}
    assert set(lues) == set(attendu)
    for code, part in attendu.items():
        assert f"<br>{pourcentage(part)}<br>" in lues[code], (code, part, lues[code])

    # Chaque commune tombe dans une classe de la légende, et la légende les compte toutes.
    k = len(trace["colorbar"]["ticktext"])
    assert all(0 <= z < k for z in _liste(trace["z"]))
    effectifs = [int(t.rsplit("(", 1)[1].split()[0]) for t in trace["colorbar"]["ticktext"]]
    assert sum(effectifs) == len(attendu)
    assert "Seuils naturels (Jenks)" in trace["colorbar"]["title"]["text"]
    # La part la plus basse et la plus haute de la base sont les bornes extrêmes de la légende.
    premiere, derniere = trace["colorbar"]["ticktext"][0], trace["colorbar"]["ticktext"][-1]
    assert premiere.startswith(pourcentage(min(attendu.values())))
    assert f"à {pourcentage(max(attendu.values()))}" in derniere


def test_quantiles_et_nombre_de_classes(env_base):
    app = lancer_app(CARTE, niveau="territoire", code="PAYSDEMO")
    app.radio(key="carte_methode").set_value("quantiles").run()
    app.select_slider(key="carte_k").set_value(4).run()
    trace = _trace_valeurs(_spec(app))
    assert "Quantiles" in trace["colorbar"]["title"]["text"]
    effectifs = [int(t.rsplit("(", 1)[1].split()[0]) for t in trace["colorbar"]["ticktext"]]
    assert len(effectifs) == 4 and sum(effectifs) == 59
    assert max(effectifs) - min(effectifs) <= 2  # quantiles : environ autant de communes par classe


def test_chaque_indicateur_du_catalogue_se_dessine(env_base):
    from vigie.analyses.indicateurs_carte import CATALOGUE

    app = lancer_app(CARTE, niveau="epci", code="000000002")
    for indicateur in CATALOGUE:
        app.selectbox(key="carte_indicateur").set_value(indicateur.cle).run()
        assert not app.exception, (indicateur.cle, [e.value for e in app.exception])
        titre = _spec(app)["layout"]["title"]["text"].replace("<br>", " ")
        assert "aucune valeur" not in titre, (indicateur.cle, titre)


def test_le_choix_d_une_commune_ouvre_ses_chiffres(env_base):
    app = lancer_app(CARTE, niveau="territoire", code="PAYSDEMO")
    assert not [s for s in app.subheader if "(00031)" in s.value]
    app.selectbox(key="carte_commune").set_value("00031").run()
    assert any("Saint-Ivoran (00031)" in s.value for s in app.subheader)
    assert any("Habitants en" in m.label for m in app.metric)
    trace = [t for t in _spec(app)["data"] if t.get("name") == "Commune choisie"]
    assert trace and trace[0]["locations"] == ["00031"]


@pytest.mark.parametrize(
    ("niveau", "code", "niveaux_attendus"),
    [
        ("commune", "00001", ["commune", "epci", "territoire", "departement"]),
        ("epci", "000000002", ["epci", "territoire", "departement"]),
        ("territoire", "PAYSDEMO", ["territoire", "departement"]),
    ],
)
def test_comparer_avec_les_references(env_base, niveau, code, niveaux_attendus):
    app = lancer_app(COMPARER, niveau=niveau, code=code)
    assert not app.exception, [e.value for e in app.exception]
    tableau = app.dataframe[0].value
    assert len(tableau) == len(niveaux_attendus)
    assert (
        tableau["Périmètre"]
        .iloc[0]
        .endswith(
            {"commune": "(commune)", "epci": "(intercommunalité)", "territoire": "(territoire)"}[
                niveau
            ]
        )
    )
    assert any(c.startswith("Habitants 2040") for c in tableau.columns)
    # La démonstration n'a pas de chiffres France : la page le dit au lieu de laisser un vide muet.
    assert any("France" in i.value for i in app.info)
    assert len(app.get("plotly_chart")) == 4


def test_l_ecart_de_la_carte_suit_les_ratios_de_la_page_services(env_base):
    """Un ratio modifié sur Services change aussi l'écart de capacité de la Carte : la demande des
    communes du périmètre s'additionne en la demande que montre la page Services (issue 15)."""
    from vigie.interface import carte, demande
    from vigie.reglages import ratios_utilisateur
    from vigie.stockage import catalogue_services

    perimetre = {"niveau": "epci", "code": "000000001"}
    parametres = {**perimetre, "service": "petite_enfance", "scenario": "central", "annee": 2040}

    def besoin_services() -> float:
        ecart = demande.bilan(**perimetre, scenario="central", horizon=2040).ecart
        ligne = ecart[(ecart["service"] == "petite_enfance") & (ecart["annee"] == 2040)]
        return float(ligne["demande"].iloc[0])

    avant = carte.executer("carte_ecart_capacite", **parametres)
    assert avant["demande"].sum() == pytest.approx(besoin_services(), rel=1e-9)
    ratios_utilisateur.enregistrer(
        **perimetre,
        service="petite_enfance",
        methode="accueil_collectif",
        valeurs={0: ("25", "100")},
        defauts=catalogue_services.ratios_livres(),
    )
    apres = carte.executer("carte_ecart_capacite", **parametres)
    assert apres["demande"].sum() == pytest.approx(avant["demande"].sum() * 25 / 17.8, rel=1e-9)
    assert apres["demande"].sum() == pytest.approx(besoin_services(), rel=1e-9)
    assert (apres["ecart"] == apres["capacite"] - apres["demande"]).all()
    assert set(apres["unite"]) == {"places"}
