"""Issues 13 et 18 : un scénario enregistré est proposé sur chaque page qui choisit un scénario
(Population, Carte, Services, Exporter, Présentation), par la même liste, et une page qui le montre
le calcule sous ses hypothèses : ses chiffres sont ceux de la projection de ces hypothèses, faite
ici sans passer par l'application (le modèle de la base, `projeter_scenario`).

Le scénario : 400 logements à Porz-Vihan (00001) livrés de 2027 à 2030 et une crèche de 30 places
ouverte en 2027 — la préparation d'une séance de l'issue 18.
"""

from __future__ import annotations

import re

import numpy as np
import pytest

from models.projection import ProgrammeLogement, Scenario
from models.scenarios import HypothesesScenario, OuvertureEquipement
from tests.conftest import lancer_app
from vigie.alimentation import projections
from vigie.analyses import indicateurs_carte as ic
from vigie.analyses import scenarios
from vigie.figures.population import arrondi
from vigie.format_fr import nombre
from vigie.reglages import scenarios_utilisateur as su
from vigie.stockage import lecture

HORIZON = 2035
URL = dict(niveau="commune", code="00001", horizon=HORIZON)
HYPOTHESES = HypothesesScenario(
    demographie=Scenario(programmes_logement=[ProgrammeLogement("00001", 100, 2027, 2030)]),
    ouvertures=[OuvertureEquipement("petite_enfance", "00001", 30, "places", 2027, "Crèche")],
)


@pytest.fixture(scope="module")
def attendu(base_demo) -> dict:
    """Les habitants de Porz-Vihan en 2035 sous les hypothèses et sous le central, projetés hors
    de l'application."""
    con = lecture.ouvrir_catalogue(base_demo)
    try:
        modele = projections.modele_depuis_base(con)
    finally:
        con.close()
    masque = modele.codes.astype(str) == "00001"
    sortie = {}
    for nom, hypotheses in (("enregistre", HYPOTHESES), ("central", HypothesesScenario())):
        resultat = scenarios.projeter_scenario(modele, hypotheses, HORIZON)
        rang = int(np.flatnonzero(resultat.annees == HORIZON)[0])
        sortie[nom] = float(resultat.cube[rang][masque].sum())
    assert sortie["enregistre"] > sortie["central"] + 100  # les logements comptent
    return sortie


@pytest.fixture
def enregistre(env_base) -> str:
    """Le scénario enregistré dans la base de l'utilisateur du test : son numéro."""
    return str(su.creer("400 logements", HYPOTHESES, auteur="Service urbanisme").id_scenario)


def _textes(app) -> str:
    return "\n".join(m.value for m in app.markdown)


def _sans_erreur(app) -> None:
    assert not app.exception, [e.value for e in app.exception]
    assert not app.error, [e.value for e in app.error]


def test_un_seul_catalogue_dans_un_ordre_fixe(enregistre):
    """Les standard d'abord (le central en tête), puis les enregistrés du plus récent au plus
    ancien ; un scénario à la corbeille n'y est plus."""
    from vigie.interface.scenarios import catalogue

    su.creer("Crèche seule", HypothesesScenario(ouvertures=HYPOTHESES.ouvertures))
    entrees = catalogue()
    cles = list(entrees)
    standard = [c for c in cles if not entrees[c].enregistre]
    assert cles[0] == "central" and len(standard) == 7
    assert cles[len(standard) :] == ["2", enregistre]
    assert entrees[enregistre].libelle_choix == "400 logements (n° 1, version 1)"
    su.supprimer(2)
    assert (
        "2" not in lancer_app("pages/services.py", **URL).selectbox(key="services_scenario").options
    )


def test_population_montre_le_scenario_enregistre(enregistre, attendu):
    app = lancer_app("pages/population.py", **URL, scenario=enregistre)
    _sans_erreur(app)
    menu = app.selectbox(key="population_scenario")
    assert menu.value == enregistre
    assert "400 logements (n° 1, version 1)" in menu.options
    texte = _textes(app)
    assert f"**400 logements** : {nombre(arrondi(attendu['enregistre']))} habitants en 2035" in (
        texte
    )
    # La pyramide et son total viennent du même calcul.
    app.segmented_control(key="population_section").set_value("pyramide").run()
    annee = app.select_slider(key="population_annee")
    annee.set_value(HORIZON).run()
    _sans_erreur(app)
    total = next(m for m in app.metric if m.label.startswith(f"Habitants en {HORIZON} (400"))
    assert total.value == nombre(arrondi(attendu["enregistre"]))
    # Revenir au central montre un autre chiffre : le choix est bien lu.
    app.selectbox(key="population_scenario").set_value("central").run()
    assert f"{nombre(arrondi(attendu['central']))} habitants en 2035" in _textes(app)


def _capacite(app) -> str:
    return next(m for m in app.metric if m.label == f"Capacité en {HORIZON}").value


def test_services_compte_la_creche_du_scenario(enregistre):
    app = lancer_app("pages/services.py", **URL, scenario=enregistre)
    _sans_erreur(app)
    assert app.selectbox(key="services_scenario").value == enregistre
    app.selectbox(key="services_service").set_value("petite_enfance").run()
    avec = float(_capacite(app).split()[0].replace("\u202f", "").replace(",", "."))
    app.selectbox(key="services_scenario").set_value("central").run()
    sans = float(_capacite(app).split()[0].replace("\u202f", "").replace(",", "."))
    assert avec == sans + 30


def _capacite_carte(app) -> float:
    """La capacité de la commune choisie, lue dans le détail de son panneau."""
    trouve = re.search(r"capacité ([\d\u202f ]+) places", _textes(app))
    assert trouve, _textes(app)
    return float(re.sub(r"\D", "", trouve.group(1)))


def test_carte_calcule_le_scenario_enregistre(enregistre, attendu):
    app = lancer_app("pages/carte.py", **URL, indicateur="population_projetee", scenario=enregistre)
    _sans_erreur(app)
    assert app.selectbox(key="carte_scenario").value == enregistre
    assert app.slider(key="carte_annee_projection").value == HORIZON
    valeur = ic.PAR_CLE["population_projetee"].texte(attendu["enregistre"])
    assert valeur in _textes(app), _textes(app)
    # Les services aussi : la capacité de crèche de Porz-Vihan gagne les 30 places du scénario.
    app.selectbox(key="carte_indicateur").set_value("ecart_capacite").run()
    app.selectbox(key="carte_service").set_value("petite_enfance").run()
    _sans_erreur(app)
    assert app.selectbox(key="carte_scenario").value == enregistre
    avec = _capacite_carte(app)
    app.selectbox(key="carte_scenario").set_value("central").run()
    _sans_erreur(app)
    assert avec == _capacite_carte(app) + 30


def test_exporter_prepare_les_documents_du_scenario(enregistre, attendu):
    app = lancer_app("pages/exports.py", **URL, scenario=enregistre)
    _sans_erreur(app)
    menu = app.selectbox(key="exports_scenario")
    assert menu.value == enregistre and "400 logements (n° 1, version 1)" in menu.options
    phrase = next(m.value for m in app.markdown if m.value.startswith("**En 2035"))
    assert "400 logements" in phrase
    assert nombre(arrondi(attendu["enregistre"])) in phrase


def test_presentation_montre_le_scenario(enregistre, attendu):
    app = lancer_app("pages/presentation.py", **URL, scenario=enregistre, ecran=3)
    _sans_erreur(app)
    assert app.session_state["presentation_scenario"] == enregistre
    assert f"environ {nombre(arrondi(attendu['enregistre']))} habitants" in _textes(app)
