"""Les pages Exporter et Présentation (issue 7), et le bouton CSV sous les tableaux des pages :
elles tournent pour le territoire de démonstration et montrent ses chiffres ; « Suivant » passe à
l'écran suivant."""

from __future__ import annotations

from tests.conftest import lancer_app
from vigie.exports import contenu, ecrans
from vigie.stockage import lecture


def _textes(app) -> str:
    return " ".join([m.value for m in app.markdown] + [c.value for c in app.caption])


def test_presentation_ecran_suivant(env_base):
    app = lancer_app(
        "pages/presentation.py", niveau="epci", code="000000002", horizon="2040", ecran="3"
    )
    assert not app.exception
    catalogue = lecture.Catalogue(chemin=env_base)
    attendus = ecrans.ecrans(contenu.rassembler(catalogue.curseur(), "epci", "000000002", 2040))
    assert attendus[2].fourchette in _textes(app)  # la fourchette en mots, calculée depuis la base
    assert f"écran 3 sur {len(attendus)}" in _textes(app)
    app.button(key="presentation_suivant").click().run()
    assert not app.exception
    assert attendus[3].titre in _textes(app)
    assert app.query_params["ecran"] == ["4"] or app.query_params["ecran"] == "4"


def test_page_exporter(env_base):
    app = lancer_app("pages/exports.py", niveau="commune", code="00001")
    assert not app.exception
    assert "Dossier de séance (PDF)" in _textes(app)
    assert "Porz-Vihan compterait" in _textes(app)
    app.button(key="exports_preparer_fiches").click().run()
    assert not app.exception
    assert app.session_state["exports_fiches"][1][:2] == b"PK"


def test_tableau_avec_csv_sous_les_equipements(env_base):
    app = lancer_app(niveau="epci", code="000000002")
    assert not app.exception
    boutons = [b for b in app.get("download_button") if "accueil_equipements" in str(b.proto.id)]
    assert boutons, "bouton CSV absent sous le tableau des équipements de l'accueil"
