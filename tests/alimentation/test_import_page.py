"""The import page and the command line, as a user meets them: the page opens on the demo, says
plainly when a territory has no sex x age detail, shows the map; `python -m vigie import` prints
French messages and exits 1 on a bad file."""

from __future__ import annotations

from tests.alimentation.conftest import GEOGRAPHIE
from tests.conftest import lancer_app
from vigie import cli
from vigie.alimentation import importation
from vigie.reglages import territoires

PAGE = "pages/import_donnees.py"


def test_page_sur_la_demo(env_base):
    app = lancer_app(PAGE, niveau="territoire", code="PAYSDEMO")
    assert not app.exception
    assert app.title[0].value == "Importer des données"
    assert app.button(key="import_lancer").disabled  # nothing to import yet
    textes = " ".join(m.value for m in app.markdown)
    assert "Aucun fichier importé" in " ".join(i.value for i in app.info)
    assert "data/modeles/modele_usages.csv" in textes


def test_territoire_sans_detail_par_age(base_copie, fixture):
    importation.importer(
        [fixture(n) for n in GEOGRAPHIE]
        + [fixture("ensemble_pop_legales_2022.xlsx"), fixture("communes-29-extrait.geojson")]
    )
    t = territoires.enregistrer("Pays essai", epcis=["242900835", "200067072", "242900751"])
    app = lancer_app(PAGE, niveau="territoire", code=t.code)
    assert not app.exception
    avertissements = " ".join(w.value for w in app.warning)
    assert "n'a pas la population par sexe et âge" in avertissements
    assert len(app.get("plotly_chart")) == 1  # the map of the communes
    # The home page shows the legal population and says why there is no pyramid.
    accueil = lancer_app(niveau="territoire", code=t.code)
    assert not accueil.exception
    assert accueil.metric[0].value == "36 297".replace(" ", "\u202f")
    assert "sans détail par sexe et par âge" in accueil.info[0].value


def test_commande_import(base_copie, fixture, tmp_path, capsys):
    mauvais = tmp_path / "mauvais.csv"
    mauvais.write_text("nom;prénom\nDupont;Anne\n", encoding="utf-8")
    assert cli.principal(["import", str(mauvais)]) == 1
    sortie = capsys.readouterr()
    assert "Refusé : mauvais.csv (ligne 1) : type de fichier non reconnu" in sortie.err
    assert "la base est inchangée" in sortie.err
    assert cli.principal(["import"] + [str(fixture(n)) for n in GEOGRAPHIE]) == 0
    sortie = capsys.readouterr().out
    assert "Importé : v_commune_2026.csv" in sortie
    assert cli.principal(["import", "--liste"]) == 0
    assert "EPCI_au_01-01-2024.xlsx" in capsys.readouterr().out
    assert cli.principal(["territoire", "--nom", "Essai", "--epci", "242900835"]) == 0
    assert "Essai (ESSAI) enregistré" in capsys.readouterr().out
