"""Page Services et alertes de l'accueil (issue 5) : la page tourne pour le Pays, un EPCI et une
commune ; les chiffres affichés sont ceux de la base ; l'alerte de l'accueil dit la même chose que
le tableau ; un ratio modifié est validé, enregistré à part et survit à une reconstruction."""

from __future__ import annotations

import hashlib
import re
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.conftest import lancer_app
from vigie.analyses import services
from vigie.figures.services import libelle_quantite
from vigie.format_fr import nombre
from vigie.reglages import ratios_utilisateur
from vigie.stockage import base, base_utilisateur, catalogue_services, lecture

PAGE = "pages/services.py"


def bilan_attendu(chemin_base: Path, niveau: str, code: str, horizon: int) -> services.Bilan:
    """Les mêmes chiffres calculés directement depuis la base, sans l'application."""
    catalogue = lecture.Catalogue(chemin=chemin_base)
    con = catalogue.curseur()
    try:

        def q(nom, **p):
            return base.requete(con, nom, **p)

        reglages = ratios_utilisateur.lire(niveau, code)
        return services.calculer_bilan(
            q("demande_population", niveau=niveau, code=code, scenario="central"),
            q("demande_intervalles", niveau=niveau, code=code, scenario="central"),
            q("ratios_demande"),
            q("equipements", niveau=niveau, code=code),
            horizon,
            modifications=reglages.modifications,
            methodes=reglages.methodes,
        )
    finally:
        con.close()
        catalogue.con.close()


@pytest.mark.parametrize(
    ("niveau", "code"),
    [("territoire", "PAYSDEMO"), ("epci", "000000001"), ("commune", "00001"), ("commune", "00042")],
)
def test_page_services_sans_erreur(env_base, niveau, code):
    app = lancer_app(PAGE, niveau=niveau, code=code)
    assert not app.exception, [e.value for e in app.exception]
    assert app.title[0].value == "Services : besoins et capacités"
    assert len(app.get("plotly_chart")) == 2
    # Changement de scénario : pas de bande, et la page le dit.
    app.selectbox(key="services_scenario").set_value("migrations_hautes").run()
    assert not app.exception
    assert any("scénario central" in i.value for i in app.info)


def test_chiffres_affiches_egaux_a_la_base(env_base):
    app = lancer_app(PAGE, niveau="epci", code="000000002", horizon=2050)
    attendu = bilan_attendu(env_base, "epci", "000000002", 2050)
    alertes = [a.texte for a in services.alertes(attendu)]
    affichees = [m.value.split("] ", 1)[1] for m in app.markdown if m.value.startswith(":")]
    assert affichees[: len(alertes)] == alertes

    for service in ("petite_enfance", "ehpad"):
        app.selectbox(key="services_service").set_value(service).run()
        ligne = attendu.synthese.set_index("service").loc[service]
        metriques = {m.label: m.value for m in app.metric}
        assert metriques["Besoin en 2050"] == libelle_quantite(ligne["demande"], ligne["unite"])
        assert metriques["Capacité en 2050"] == f"{nombre(ligne['capacite'])} {ligne['unite']}"
        tableau = app.dataframe[0].value.set_index("Année")
        d = attendu.ecart[attendu.ecart["service"] == service].set_index("annee")
        assert tableau.loc["2030", f"Capacité ({ligne['unite']})"] == nombre(
            d.loc[2030, "capacite"]
        )
        assert len(tableau) == len(d) and tableau.index[-1] == "2050"


def test_alerte_accueil_coherente_avec_le_tableau(env_base):
    app = lancer_app(niveau="epci", code="000000002", horizon=2050)
    assert not app.exception
    alerte = next(m.value for m in app.markdown if "Petite enfance" in m.value)
    debut, fin = map(int, re.search(r"de (\d{4}) à (\d{4})", alerte).groups())
    haute = int(re.search(r"dès (\d{4}) dans l'hypothèse haute", alerte).group(1))

    app.switch_page(PAGE).run()
    app.selectbox(key="services_service").set_value("petite_enfance").run()
    tableau = app.dataframe[0].value
    annees_deficit = tableau.loc[tableau["Situation"] == "déficit", "Année"].astype(int)
    assert annees_deficit.min() == debut and annees_deficit.max() == fin
    assert list(annees_deficit) == list(range(debut, fin + 1))
    possibles = tableau.loc[tableau["Situation"] != "suffisant", "Année"].astype(int)
    assert possibles.min() == haute


def _cle(niveau, code, service, methode, age_min, champ):
    return f"services_{niveau}_{code}_{service}_{methode}_{age_min}_{champ}"


def test_formulaire_ratio_refuse_puis_enregistre(env_base):
    app = lancer_app(PAGE, niveau="commune", code="00001")
    app.selectbox(key="services_service").set_value("petite_enfance").run()
    cle = _cle("commune", "00001", "petite_enfance", "accueil_collectif", 0, "ratio")
    bouton = "services_commune_00001_petite_enfance_enregistrer"

    app.text_input(key=cle).set_value("beaucoup")
    app.button(key=bouton).click().run()
    assert [e.value for e in app.error] == [
        "« Nombre de places » : « beaucoup » n'est pas un nombre. Saisissez par exemple 21,5."
    ]
    app.text_input(key=cle).set_value("150")
    app.button(key=bouton).click().run()
    assert "« Nombre de places »" in app.error[0].value
    assert ratios_utilisateur.lire("commune", "00001").modifications.empty  # rien d'écrit

    app.text_input(key=cle).set_value("30,5")
    app.button(key=bouton).click().run()
    assert not app.error and not app.exception
    assert "Ratio enregistré" in app.success[0].value
    assert any(
        "30,5 places pour 100 enfants" in m.value and "modifié" in m.value for m in app.markdown
    )
    modif = ratios_utilisateur.lire("commune", "00001").modifications
    assert modif[["ratio", "par"]].values.tolist() == [[30.5, 100.0]]
    # Les chiffres suivent : la demande vaut 30,5 / 17,8 de la demande publiée.
    attendu = bilan_attendu(env_base, "commune", "00001", 2050).synthese.set_index("service")
    assert {m.label: m.value for m in app.metric}["Besoin en 2050"] == libelle_quantite(
        attendu.loc["petite_enfance", "demande"], "places"
    )

    app.button(key="services_commune_00001_petite_enfance_retablir").click().run()
    assert "Valeurs publiées rétablies" in app.success[0].value
    assert ratios_utilisateur.lire("commune", "00001").modifications.empty


def test_methode_par_age_choisie_et_gardee(env_base):
    app = lancer_app(PAGE, niveau="territoire", code="PAYSDEMO")
    app.selectbox(key="services_service").set_value("ehpad").run()
    app.radio(key="services_territoire_PAYSDEMO_ehpad_methode").set_value("par_age").run()
    assert app.text_input(key=_cle("territoire", "PAYSDEMO", "ehpad", "par_age", 85, "ratio"))
    app.button(key="services_territoire_PAYSDEMO_ehpad_enregistrer").click().run()
    assert not app.exception and not app.error
    assert ratios_utilisateur.lire("territoire", "PAYSDEMO").methodes == {"ehpad": "par_age"}
    textes = " ".join(m.value for m in app.markdown)
    assert "46 lits pour 1\u202f000 personnes de 75 à 84 ans" in textes
    assert "230 lits pour 1\u202f000 personnes de 85 ans ou plus" in textes


def _empreinte(chemin: Path) -> str:
    return hashlib.sha256(chemin.read_bytes()).hexdigest()


def test_ratio_modifie_survit_a_une_reconstruction(env_base, tmp_path):
    from vigie import chemins
    from vigie.alimentation import construction

    defauts = catalogue_services.ratios_livres()
    ratios_utilisateur.enregistrer(
        "epci", "000000001", "petite_enfance", "accueil_collectif", {0: ("25", "100")}, defauts
    )
    fichier = chemins.chemin_base_utilisateur()
    avant = _empreinte(fichier)
    reconstruite = tmp_path / "reconstruite.duckdb"
    # Sans projections (une seconde au lieu de trente) : les ratios retenus viennent des ratios
    # publiés de la base reconstruite et des réglages de l'utilisateur, pas des projections.
    construction.construire(chemin=reconstruite, projeter=False)
    assert _empreinte(fichier) == avant  # la construction n'ouvre jamais la base de l'utilisateur
    bilan = bilan_attendu(reconstruite, "epci", "000000001", 2040)
    ratios = bilan.ratios
    creche = ratios[
        (ratios["service"] == "petite_enfance") & (ratios["methode"] == "accueil_collectif")
    ].iloc[0]
    assert creche["ratio"] == 25 and creche["ratio_defaut"] == 17.8 and bool(creche["modifie"])


@contextmanager
def base_tenue(fichier: Path) -> Iterator[Callable[[], None]]:
    """Un autre processus tient `fichier` ouvert en écriture (comme un autre programme DuckDB)
    jusqu'à ce que le test appelle la fonction rendue, ou à la sortie du bloc : aucun délai ne
    décide quand il le lâche."""
    with base_utilisateur.ouvrir(ecriture=True):
        pass  # le fichier existe
    bloqueur = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import duckdb, sys; c = duckdb.connect(sys.argv[1]); print('ok', flush=True);"
            " sys.stdin.readline(); c.close()",
            str(fichier),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )

    def relacher() -> None:
        if not bloqueur.stdin.closed:
            bloqueur.stdin.close()  # fin de l'entrée : il ferme sa connexion et s'arrête

    try:
        assert bloqueur.stdout.readline().strip() == "ok"
        yield relacher
    finally:
        relacher()
        bloqueur.wait(timeout=600)


def test_enregistrement_attend_la_fin_d_un_verrou(env_base, monkeypatch):
    """L'enregistrement trouve la base tenue par un autre processus, réessaie, et passe quand
    l'autre la lâche : l'autre ne la lâche qu'après le premier essai refusé (un événement, pas une
    durée mesurée)."""
    fichier = base_utilisateur.chemins.chemin_base_utilisateur()
    refus: list[Exception] = []
    vrai_connect = base_utilisateur.duckdb.connect
    # Essais sans nombre limité : sur une machine chargée, l'autre processus peut tarder à fermer.
    monkeypatch.setattr(base_utilisateur, "TENTATIVES", 100_000)
    monkeypatch.setattr(base_utilisateur, "ATTENTE_S", 0.02)
    defauts = catalogue_services.ratios_livres()
    with base_tenue(fichier) as relacher:

        def connect(*args, **kwargs):
            try:
                return vrai_connect(*args, **kwargs)
            except base_utilisateur.duckdb.Error as erreur:
                refus.append(erreur)
                relacher()
                raise

        monkeypatch.setattr(base_utilisateur.duckdb, "connect", connect)
        ratios_utilisateur.enregistrer(
            "commune", "00002", "ssiad", "global", {75: ("25", "1000")}, defauts
        )
        monkeypatch.setattr(base_utilisateur.duckdb, "connect", vrai_connect)
    assert refus, "la base tenue par l'autre processus n'a pas été trouvée occupée"
    assert ratios_utilisateur.lire("commune", "00002").modifications["ratio"].tolist() == [25.0]


def test_verrou_persistant_message_francais(env_base, monkeypatch):
    fichier = base_utilisateur.chemins.chemin_base_utilisateur()
    monkeypatch.setattr(base_utilisateur, "TENTATIVES", 2)
    monkeypatch.setattr(base_utilisateur, "ATTENTE_S", 0.05)
    with base_tenue(fichier):  # tenue jusqu'après la vérification, quel que soit le délai
        with pytest.raises(base_utilisateur.BaseUtilisateurOccupee, match="Réessayez"):
            ratios_utilisateur.retablir("commune", "00002", "ssiad")
