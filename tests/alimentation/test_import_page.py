"""La page d'import et la ligne de commande, telles que les rencontre un utilisateur : la page
s'ouvre sur la démonstration, dit clairement quand un territoire n'a pas de détail sexe x âge,
montre la carte ; `python -m vigie import` écrit des messages en français et sort avec le code 1
sur un fichier fautif."""

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
    assert app.button(key="import_lancer").disabled  # rien à importer pour l'instant
    textes = " ".join(m.value for m in app.markdown)
    assert "Aucun fichier importé" in " ".join(i.value for i in app.info)
    assert "data/modeles/modele_usages.csv" in textes
    # Issue 20 : un export BDM peut être lu comme série d'usage d'un service, au choix.
    choix = app.selectbox(key="import_usage_service")
    assert choix.value == "série nationale de référence"
    assert any(o.startswith("série d'usage : Piscines") for o in choix.options)
    choix.set_value("série d'usage : Piscines").run()
    assert not app.exception and app.text_input(key="import_usage_unite").value == "nombre"


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
    assert len(app.get("plotly_chart")) == 1  # la carte des communes
    # La page d'accueil montre la population légale et dit pourquoi il n'y a pas de pyramide.
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


def test_les_fichiers_officiels_a_obtenir(base_copie, fixture, monkeypatch):
    """L'onglet « Fichiers officiels à obtenir » liste tout le catalogue, dit ce qui est déjà dans
    la base, et ne touche pas au réseau tant que l'utilisateur ne clique pas (issue 14)."""
    import urllib.request

    from vigie.alimentation import telechargement

    def reseau(*args, **kwargs):
        raise AssertionError("accès au réseau sans clic de l'utilisateur")

    monkeypatch.setattr(urllib.request, "urlopen", reseau)
    importation.importer(
        [fixture(n) for n in GEOGRAPHIE] + [fixture("ensemble_pop_legales_2022.xlsx")]
    )
    app = lancer_app(PAGE, niveau="territoire", code="PAYSDEMO")
    assert not app.exception, [e.value for e in app.exception]
    tableau = next(
        d.value for d in app.dataframe if "Dans la base" in getattr(d.value, "columns", [])
    )
    catalogue = telechargement.catalogue()
    assert list(tableau["Fichier"]) == [f.nom for f in catalogue]
    dans_la_base = dict(zip(tableau["Fichier"], tableau["Dans la base"], strict=True))
    assert dans_la_base["ensemble.xlsx"] == "oui"
    assert dans_la_base["bpeAAAA_ensemble.csv ou bpeAAAA_ensemble_xy.csv"] == "non"
    assert app.button(key="import_catalogue_lancer").disabled  # rien choisi, rien à faire
    directs = {f.nom for f in catalogue if f.url}
    assert set(app.multiselect(key="import_catalogue_choix").options) == directs
