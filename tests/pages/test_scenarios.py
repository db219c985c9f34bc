"""Issue 6 : la page Scénarios dans AppTest — construire « 400 logements à Porz-Vihan dès 2027 »,
voir ce qui change, l'enregistrer, le rouvrir depuis son lien, le modifier (nouvelle version),
refuser une valeur impossible, le mettre à la corbeille et le restaurer."""

from __future__ import annotations

from models.projection import ProgrammeLogement, Scenario
from models.scenarios import HypothesesScenario
from tests.conftest import lancer_app
from vigie.reglages import scenarios_utilisateur as su

URL = dict(niveau="commune", code="00001", horizon=2035)


def _textes(app) -> str:
    return "\n".join(m.value for m in app.markdown)


def _ajouter_programme(app, total=400, debut=2027, fin=2030):
    app.number_input(key="scenarios_prog_total").set_value(total)
    app.number_input(key="scenarios_prog_debut").set_value(debut)
    app.number_input(key="scenarios_prog_fin").set_value(fin)
    app.button(key="scenarios_prog_ajouter").click().run()
    assert not app.exception, app.exception


def test_construire_enregistrer_rouvrir(env_base):
    app = lancer_app("pages/scenarios.py", **URL)
    assert not app.exception
    assert "mêmes hypothèses que le scénario central" in _textes(app)
    _ajouter_programme(app)
    texte = _textes(app)
    assert "Avec 400 logements à Porz-Vihan de 2027 à 2030 (100 par an)" in texte
    assert "habitants de plus en 2035" in texte and "dès 2028" in texte
    tableau = app.dataframe[0].value
    habitants = tableau[tableau["Indicateur"] == "Habitants en 2035"].iloc[0]
    assert habitants["Écart : Nouveau scénario (non enregistré)"].startswith("+")

    app.text_input(key="scenarios_nom").set_value("400 logements à Porz-Vihan")
    app.text_input(key="scenarios_auteur").set_value("Service urbanisme")
    app.button(key="scenarios_enregistrer_nouveau").click().run()
    assert not app.exception and not app.error
    assert "enregistré (n° 1, version 1)" in app.success[0].value
    assert app.query_params["scenario"] == "1" and app.query_params["comparer"] == "central"
    enregistre = su.lire(1)
    assert enregistre.auteur == "Service urbanisme"
    assert enregistre.hypotheses.demographie.programmes_logement[0].logements_par_an == 100

    # Un lien envoyé avant une réunion ouvre le même scénario et la même comparaison.
    lien = lancer_app("pages/scenarios.py", **URL, scenario=1, comparer="central")
    assert not lien.exception
    assert lien.selectbox(key="scenarios_choix").value == "1"
    assert lien.multiselect(key="scenarios_comparer").value == ["central"]
    assert "Avec 400 logements à Porz-Vihan de 2027 à 2030" in _textes(lien)
    assert "400 logements à Porz-Vihan" in [m.label for m in lien.metric]


def test_nouvelle_version_et_versions_lisibles(env_base):
    su.creer(
        "400 logements",
        HypothesesScenario(
            Scenario(programmes_logement=[ProgrammeLogement("00001", 100, 2027, 2030)])
        ),
    )
    app = lancer_app("pages/scenarios.py", **URL, scenario=1)
    app.number_input(key="scenarios_migrations").set_value(1.5).run()
    assert "(modifié, non enregistré)" in " ".join(m.label for m in app.metric)
    assert "soldes migratoires × 1,5" in _textes(app)
    app.button(key="scenarios_enregistrer").click().run()
    assert not app.exception and "version 2" in app.success[0].value
    assert su.lire(1).hypotheses.demographie.migration_multiplicateur == 1.5
    assert su.lire(1, 1).hypotheses.demographie.migration_multiplicateur == 1.0
    # Rouvrir la version 1 : ses hypothèses reviennent dans les widgets.
    app.selectbox(key="scenarios_version_choisie").set_value(1)
    app.button(key="scenarios_ouvrir_version").click().run()
    assert app.number_input(key="scenarios_migrations").value == 1.0
    assert app.query_params["version"] == "1"


def test_valeur_impossible_refusee_en_francais(env_base):
    app = lancer_app("pages/scenarios.py", **URL)
    app.number_input(key="scenarios_migrations").set_value(5.0).run()
    assert [e.value for e in app.error] == [
        "Migrations (multiplicateur des soldes) : doit être entre 0 et 3, reçu 5."
    ]
    app.number_input(key="scenarios_migrations").set_value(1.0).run()
    app.number_input(key="scenarios_prog_personnes").set_value(9.0)
    app.button(key="scenarios_prog_ajouter").click().run()
    assert app.error[0].value.startswith("Programme de logements n° 1 — personnes par logement")
    assert "Aucun programme de logements" in _textes(app)  # refusé : pas ajouté
    app.number_input(key="scenarios_ratio_ecole_maternelle_3").set_value(50.0).run()
    assert "élèves par classe n'est pas possible" in app.error[0].value


def test_ouverture_de_creche_et_corbeille(env_base):
    app = lancer_app("pages/scenarios.py", **URL)
    app.selectbox(key="scenarios_ouv_service").set_value("petite_enfance")
    app.number_input(key="scenarios_ouv_capacite").set_value(30.0)
    app.number_input(key="scenarios_ouv_annee").set_value(2027)
    app.button(key="scenarios_ouv_ajouter").click().run()
    assert not app.exception and not app.error
    assert "Nouvelle crèche de 30 places ouverte en 2027 à Porz-Vihan" in _textes(app)
    app.text_input(key="scenarios_nom").set_value("Crèche 2027")
    app.button(key="scenarios_enregistrer_nouveau").click().run()
    assert su.lire(1).hypotheses.ouvertures[0].capacite == 30
    app.button(key="scenarios_supprimer").click().run()
    assert "corbeille" in app.success[0].value
    assert su.lister().empty and len(su.lister(corbeille=True)) == 1
    app.button(key="scenarios_restaurer_1").click().run()
    assert not app.exception and list(su.lister()["nom"]) == ["Crèche 2027"]


def test_page_services_ouvre_un_scenario_enregistre(env_base):
    """`?scenario=<n°>` sur la page Services montre la demande et la capacité du scénario
    enregistré."""
    from models.scenarios import OuvertureEquipement

    su.creer(
        "Crèche 2027",
        HypothesesScenario(
            ouvertures=[OuvertureEquipement("petite_enfance", "00001", 30, "places", 2027, "C")]
        ),
    )
    central = lancer_app("pages/services.py", **URL)
    app = lancer_app("pages/services.py", **URL, scenario=1)
    assert not app.exception
    assert app.selectbox(key="services_scenario").value == "1"
    assert "Scénario enregistré" in app.info[0].value
    capacite = [m.value for m in app.metric if m.label.startswith("Capacité en")]
    capacite_centrale = [m.value for m in central.metric if m.label.startswith("Capacité en")]
    assert capacite == ["111 places"] and capacite_centrale == ["81 places"]


def test_saisies_sans_decimales_inutiles(env_base):
    """Issue 18, point 5 : Streamlit n'écrit pas la virgule décimale dans un `number_input` ;
    au moins aucun « 30.00 » ni « 1.00 » : les entiers sans décimales, les autres au plus court
    (`%g` : « 1 », « 0.2 », « 2.16 »)."""
    app = lancer_app("pages/scenarios.py", **URL)
    assert not app.exception
    saisies = {n.key: n for n in app.number_input}
    assert saisies
    for cle in ("scenarios_prog_total", "scenarios_prog_debut", "scenarios_prog_fin"):
        assert isinstance(saisies[cle].value, int), cle
    for cle, n in saisies.items():
        if not isinstance(n.value, int):
            assert n.proto.format == "%g", (cle, n.proto.format)
