"""Un service nouveau s'ajoute en un seul endroit (issue 13, point 4) : une ligne dans
`data/reference/services.csv` et son ratio dans `ratios_demande.csv`, dans une copie du dossier de
référence (`VIGIE_REFERENCE`) ; la démonstration est construite, et la ludothèque fictive (3 à 10
ans) paraît sur la page Services, dans les alertes de l'accueil et dans le texte du dossier PDF,
sans une ligne de code de plus. C'est l'exemple de `docs/ajouter_un_service.md`."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import duckdb
import pytest
from pypdf import PdfReader

from tests.conftest import RACINE, lancer_app

# La ligne du registre et le ratio du service fictif, tels que docs/ajouter_un_service.md les montre.
LIGNE_SERVICE = (
    "ludotheque;Ludothèques;places de ludothèque;Nouvelle ludothèque;3-5 ans|6-10 ans;places;"
    "places;animation;;130;;Service fictif du test tests/pages/test_services_nouveau.py"
)
LIGNE_RATIO = (
    "ludotheque;animation;Places de ludothèque pour 100 enfants de 3 à 10 ans;3;10;2;places;100;"
    "Hypothèse de test : 2 places pour 100 enfants de 3 à 10 ans (service fictif);2024"
)
# Une ludothèque de 20 places dans la ville-centre de la démonstration.
LIGNE_EQUIPEMENT = (
    "DEMO-EQ-LUDO;00001;ludotheque;Ludothèque;Ludothèque de Porz-Vihan;20;places;;2010;"
)
PAYS = ("territoire", "PAYSDEMO")
HORIZON = 2050


def _ajouter(fichier: Path, ligne: str) -> None:
    texte = fichier.read_text(encoding="utf-8")
    fichier.write_text(texte.rstrip("\n") + "\n" + ligne + "\n", encoding="utf-8")


def _normal(texte: str) -> str:
    return " ".join(texte.replace("\u202f", " ").replace("\u00a0", " ").split())


@pytest.fixture(scope="module")
def base_ludotheque(tmp_path_factory):
    """La démonstration construite avec la ludothèque dans une copie du dossier de référence (et
    son équipement dans une copie du territoire de démonstration)."""
    from vigie.alimentation import construction

    dossier = tmp_path_factory.mktemp("ludotheque")
    reference = dossier / "reference"
    shutil.copytree(RACINE / "data" / "reference", reference)
    _ajouter(reference / "services.csv", LIGNE_SERVICE)
    _ajouter(reference / "ratios_demande.csv", LIGNE_RATIO)
    demo = dossier / "demo"
    shutil.copytree(RACINE / "data" / "demo", demo)
    _ajouter(demo / "equipements.csv", LIGNE_EQUIPEMENT)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("VIGIE_REFERENCE", str(reference))
        chemin = dossier / "vigie.duckdb"
        construction.construire(chemin=chemin, dossier_demo=demo, rejouer_imports=False)
        mp.setenv("VIGIE_BASE", str(chemin))
        mp.setenv("VIGIE_BASE_UTILISATEUR", str(dossier / "utilisateur.duckdb"))
        mp.setenv("VIGIE_PREVISIONS", str(dossier / "sans_previsions.duckdb"))
        yield chemin


def _besoin_attendu(base: Path, annee: int) -> float:
    """2 places pour 100 enfants de 3 à 10 ans du Pays, relu dans les tables (pas par Vigie)."""
    con = duckdb.connect(str(base), read_only=True)
    try:
        enfants = con.execute(
            "select sum(population) from projection_population where scenario = 'central' "
            "and annee = ? and age between 3 and 10",
            [annee],
        ).fetchone()[0]
        registre = con.execute(
            "select libelle, age_min, age_max, unite_demande from service "
            "where service = 'ludotheque'"
        ).fetchone()
    finally:
        con.close()
    assert registre == ("Ludothèques", 3, 10, "places")
    return float(enfants) * 2 / 100


pytestmark = pytest.mark.slow


def test_ludotheque_sur_la_page_services(base_ludotheque):
    app = lancer_app("pages/services.py", niveau=PAYS[0], code=PAYS[1], horizon=HORIZON)
    assert not app.exception, app.exception
    alertes = [m.value for m in app.markdown if "Ludothèques" in m.value]
    assert alertes, "aucune alerte pour la ludothèque"
    # 20 places pour quelques milliers d'enfants de 3 à 10 ans : un déficit dès la première année.
    assert "places déjà insuffisantes aujourd'hui" in alertes[0]
    choix = app.selectbox(key="services_service")
    assert "ludotheque" in choix.options or "Ludothèques" in choix.options
    choix.set_value("ludotheque").run()
    assert not app.exception, app.exception
    besoin = _besoin_attendu(base_ludotheque, HORIZON)
    metriques = {m.label: m.value for m in app.metric}
    from vigie.figures.services import libelle_quantite

    assert metriques[f"Besoin en {HORIZON}"] == libelle_quantite(besoin, "places")
    assert any("2 places pour 100 enfants de 3 à 10 ans" in m.value for m in app.markdown)


def test_ludotheque_dans_les_alertes_de_l_accueil(base_ludotheque):
    app = lancer_app(niveau=PAYS[0], code=PAYS[1], horizon=HORIZON)
    assert not app.exception, app.exception
    textes = [m.value for m in app.markdown] + [c.value for c in app.caption]
    assert any("Ludothèques" in t and "insuffisantes" in t for t in textes), textes


def test_ludotheque_dans_le_dossier_pdf(base_ludotheque):
    from vigie.exports import contenu, pdf
    from vigie.stockage import lecture

    curseur = lecture.Catalogue(chemin=base_ludotheque).curseur()
    try:
        dossier = contenu.rassembler(curseur, *PAYS, HORIZON, "central")
    finally:
        curseur.close()
    texte = _normal(
        "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.dossier_pdf(dossier))).pages)
    )
    assert "Ludothèques" in texte
    assert "insuffisantes" in texte.split("Ludothèques", 1)[1][:200]
