"""Un chiffre est le même partout (issue 18) : la population projetée en 2050 et sa fourchette,
lues sur les pages Présentation, Population et Exporter, dans le dossier PDF, le diaporama et le
classeur, sont écrites à la même règle d'arrondi et valent la même chose ; l'année du premier
manque de places de crèche est la même dans le PDF, le classeur et sur la page Services.

Chaque sortie est relue telle qu'un lecteur la voit (texte de la page, texte extrait du PDF et des
diapositives, cellules du classeur), non pas recalculée."""

from __future__ import annotations

import importlib.util
import io
import re
from pathlib import Path

import duckdb
import openpyxl
import pytest
from pptx import Presentation
from pypdf import PdfReader

from vigie.exports import classeur, contenu, diaporama, pdf
from vigie.format_fr import arrondi, nombre
from vigie.stockage import lecture

RACINE = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("conftest_racine", RACINE / "tests" / "conftest.py")
_conftest = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_conftest)
lancer_app = _conftest.lancer_app

HORIZON = 2050
PAYS = dict(niveau="territoire", code="PAYSDEMO", horizon=str(HORIZON))


def normal(texte: str) -> str:
    """Espaces fines et insécables en espaces simples (l'extraction des PDF les change), blancs
    réduits."""
    return " ".join(texte.replace("\u202f", " ").replace("\u00a0", " ").split())


@pytest.fixture(scope="module")
def attendu(env_module) -> dict:
    """Les chiffres tirés des tables construites, à la règle unique."""
    c = duckdb.connect(str(env_module), read_only=True)
    try:
        central, bas, haut = c.execute(
            "select population, bas_80, haut_80 from projection_intervalle where scenario = "
            "'central' and niveau = 'territoire' and code_perimetre = 'PAYSDEMO' and annee = ? "
            "and groupe_age = 'Ensemble'",
            [HORIZON],
        ).fetchone()
    finally:
        c.close()
    return {
        "central": normal(nombre(arrondi(central))),
        "bas": normal(nombre(arrondi(bas))),
        "haut": normal(nombre(arrondi(haut))),
        "brut": float(central),
    }


@pytest.fixture(scope="module")
def dossier(env_module):
    curseur = lecture.Catalogue(chemin=env_module).curseur()
    try:
        yield contenu.rassembler(curseur, "territoire", "PAYSDEMO", HORIZON, "central"), curseur
    finally:
        curseur.close()


def fourchette_lue(texte: str) -> tuple[str, str, str] | None:
    """(bas, haut, central) de la première « entre X et Y habitants …, Z le plus probable »."""
    m = re.search(
        r"entre ([\d ]+) et ([\d ]+) habitants(?: \(fourchette à 80[ \u00a0]%\))?, ([\d ]+) le plus probable",
        normal(texte),
    )
    return (m.group(1).strip(), m.group(2).strip(), m.group(3).strip()) if m else None


def _texte_app(app) -> str:
    morceaux = [m.value for m in app.markdown] + [c.value for c in app.caption]
    morceaux += [str(m.value) + " " + str(m.proto.help) for m in app.metric]
    return " ".join(morceaux)


def _lus_sur_les_pages(env_module) -> dict[str, str]:
    textes = {}
    app = lancer_app("pages/presentation.py", **PAYS, ecran="3", scenario="central")
    assert not app.exception
    textes["Présentation"] = _texte_app(app)
    for page in ("pages/population.py", "pages/exports.py"):
        app = lancer_app(page, **PAYS)
        assert not app.exception, page
        textes[page] = _texte_app(app)
    return textes


def test_population_2050_la_meme_partout(env_module, attendu, dossier):
    d, curseur = dossier
    lus = _lus_sur_les_pages(env_module)
    lus["dossier PDF"] = " ".join(
        p.extract_text() for p in PdfReader(io.BytesIO(pdf.dossier_pdf(d))).pages
    )
    diapos = Presentation(io.BytesIO(diaporama.diaporama_pptx(d))).slides
    lus["diaporama"] = " ".join(
        s.text_frame.text for diapo in diapos for s in diapo.shapes if s.has_text_frame
    )
    trouves = {}
    for ou, texte in lus.items():
        trouves[ou] = fourchette_lue(texte)
    voulu = (attendu["bas"], attendu["haut"], attendu["central"])
    differents = {ou: f for ou, f in trouves.items() if f != voulu}
    assert not differents, f"attendu {voulu} partout ; lu ailleurs : {differents}"

    # Le classeur garde les nombres bruts (un format de nombre les montre) : le même chiffre, une
    # fois arrondi.
    livre = openpyxl.load_workbook(
        io.BytesIO(classeur.classeur_xlsx(d, contenu.projection_communes(curseur, d)))
    )
    lignes = {r[0]: r for r in livre["Projection"].iter_rows(min_row=5, values_only=True)}
    assert normal(nombre(arrondi(lignes[HORIZON][1]))) == attendu["central"]


def test_premier_manque_de_creche_le_meme_partout(env_module, dossier):
    d, curseur = dossier
    ligne = d.bilan.synthese.set_index("service").loc["petite_enfance"]
    annee = int(ligne["premiere_annee"])
    livre = openpyxl.load_workbook(io.BytesIO(classeur.classeur_xlsx(d)))
    feuille = livre["Services"]
    entetes = [c.value for c in feuille[4]]
    rangs = {r[0]: r for r in feuille.iter_rows(min_row=5, values_only=True)}
    assert rangs["Petite enfance (crèches)"][entetes.index("Premier déficit")] == annee
    texte_pdf = normal(
        " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.dossier_pdf(d))).pages)
    )
    assert annee_creche(texte_pdf) == annee
    app = lancer_app("pages/services.py", **PAYS)
    assert not app.exception
    assert annee_creche(_texte_app(app)) == annee


def annee_creche(texte: str) -> int | None:
    """L'année de la phrase « Petite enfance (crèches) : places insuffisantes dès / de AAAA »,
    ou « places déjà insuffisantes aujourd'hui (il en manque déjà N places en AAAA) »."""
    m = re.search(
        r"Petite enfance \(crèches\) : places (?:insuffisantes (?:dès|de) "
        r"|déjà insuffisantes aujourd'hui \([^)]*?)(\d{4})",
        normal(texte),
    )
    return int(m.group(1)) if m else None
