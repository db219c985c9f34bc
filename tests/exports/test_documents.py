"""Les documents pour le conseil (issue 7) : le dossier PDF, la fiche commune et leur lot, le
diaporama PowerPoint et le classeur Excel sont ouverts et relus, et leurs chiffres vérifiés contre
la base par du SQL écrit ici (pas par le code des exports) ; une page de PDF est rendue en PNG ;
les documents sont faits réseau coupé."""

from __future__ import annotations

import io
import re
import shutil
import socket
import subprocess
import zipfile
from pathlib import Path

import duckdb
import openpyxl
import pytest
from pptx import Presentation
from pypdf import PdfReader

from vigie import textes as textes_services
from vigie.exports import classeur, contenu, diaporama, ecrans, images, lot, pdf
from vigie.format_fr import arrondi, fourchette, nombre
from vigie.stockage import lecture

PAYS = ("territoire", "PAYSDEMO")


def normal(texte: str) -> str:
    """Le texte tel qu'extrait et comparé : l'extraction du texte d'un PDF change les espaces
    fines insécables de `129 392` en espaces simples, et les retours à la ligne dépendent de la
    mise en page."""
    return " ".join(texte.replace("\u202f", " ").replace("\u00a0", " ").split())


HORIZON = 2050


@pytest.fixture(scope="module")
def con(env_module):
    catalogue = lecture.Catalogue(chemin=env_module)
    curseur = catalogue.curseur()
    yield curseur
    curseur.close()


@pytest.fixture(scope="module")
def brut(env_module):
    """Une simple connexion en lecture seule aux tables construites, pour les valeurs attendues."""
    c = duckdb.connect(str(env_module), read_only=True)
    yield c
    c.close()


@pytest.fixture(scope="module")
def dossier_pays(con):
    return contenu.rassembler(con, *PAYS, HORIZON, "central")


@pytest.fixture(scope="module")
def pdf_pays(dossier_pays) -> bytes:
    return pdf.dossier_pdf(dossier_pays)


@pytest.fixture(scope="module")
def texte_pdf(pdf_pays) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf_pays)).pages]


def _population_recensement(brut) -> tuple[int, float]:
    annee = brut.execute("select max(annee) from population").fetchone()[0]
    total = brut.execute(
        "select sum(population) from population where annee = ?", [annee]
    ).fetchone()[0]
    return int(annee), float(total)


def _projection_2050(brut) -> tuple[float, float, float]:
    """La projection centrale du Pays en 2050 et ses bornes à 80 %, tirées des tables."""
    central = brut.execute(
        "select sum(population) from projection_population where scenario = 'central' "
        "and annee = ?",
        [HORIZON],
    ).fetchone()[0]
    bas, haut = brut.execute(
        "select bas_80, haut_80 from projection_intervalle where scenario = 'central' "
        "and niveau = 'territoire' and code_perimetre = 'PAYSDEMO' and annee = ? "
        "and groupe_age = 'Ensemble'",
        [HORIZON],
    ).fetchone()
    return float(central), float(bas), float(haut)


def _ehpad(brut, annee: int) -> tuple[float, float]:
    """La demande d'EHPAD (75 ans et plus × ratio publié) et les lits en service cette année-là,
    pour le Pays."""
    ratio, par, age_min, age_max = brut.execute(
        "select ratio, par, age_min, age_max from ratio_demande where service = 'ehpad' and defaut"
    ).fetchone()
    population = brut.execute(
        "select sum(population) from projection_population where scenario = 'central' "
        "and annee = ? and age between ? and ?",
        [annee, age_min, age_max],
    ).fetchone()[0]
    capacite = brut.execute(
        "select sum(capacite) from equipement where service = 'ehpad' "
        "and coalesce(annee_ouverture, 0) <= ? and (annee_fermeture is null or annee_fermeture > ?)",
        [annee, annee],
    ).fetchone()[0]
    return float(population) * ratio / par, float(capacite)


# ------------------------------------------------------------------------------ dossier PDF
def test_dossier_pdf_dit_les_chiffres_de_la_base(texte_pdf, brut):
    tout = normal("\n".join(texte_pdf))
    annee, population = _population_recensement(brut)
    assert normal(f"{nombre(population)} habitants au 1er janvier {annee}") in tout
    central, bas, haut = _projection_2050(brut)
    attendu = fourchette(bas, central, haut, "habitants", etiquette=True)
    assert normal(f"En {HORIZON}, Pays de démonstration compterait {attendu}") in tout
    # Chaque page numérotée, avec le total.
    for i, page in enumerate(texte_pdf, start=1):
        assert f"page {i} sur {len(texte_pdf)}" in page
    for titre in (
        "En bref",
        "Population",
        "Services : besoins",
        "Écarts de capacité",
        "Scénarios comparés",
        "Méthodes et sources",
        "Démo 2026",
    ):
        assert titre in tout, titre


def test_dossier_pdf_ecart_de_capacite_d_une_annee(texte_pdf, brut):
    besoin, capacite = _ehpad(brut, 2030)
    tout = normal(" ".join(texte_pdf))
    ligne = re.search(
        re.escape(normal(f"EHPAD lits 2030 {nombre(arrondi(besoin))}"))
        + r" .{0,30}? "
        + re.escape(normal(nombre(capacite)))
        + r" (\S+(?: \d{3})?) (déficit|suffisant)",
        tout,
    )
    assert ligne, "ligne EHPAD 2030 absente du tableau des écarts ou chiffres différents"
    ecart = ligne.group(1).replace("−", "-").replace(" ", "").replace(",", ".")
    # Un écart projeté suit la règle d'arrondi unique (issue 18).
    assert float(ecart) == pytest.approx(arrondi(capacite - besoin), abs=0.6)
    assert ligne.group(2) == ("déficit" if besoin > capacite else "suffisant")


def test_dossier_pdf_longs_tableaux_sur_plusieurs_pages(texte_pdf):
    pages_ecarts = [p for p in texte_pdf if "Écart (capacité − besoin) Situation" in normal(p)]
    assert len(pages_ecarts) >= 3  # le tableau année par année continue, en-tête répété


def test_dossier_pdf_page_rendue_en_png(pdf_pays, tmp_path):
    if not shutil.which("pdftoppm"):
        pytest.skip("pdftoppm absent (paquet Debian poppler-utils)")
    (tmp_path / "dossier.pdf").write_bytes(pdf_pays)
    subprocess.run(
        ["pdftoppm", "-r", "50", "-png", "-f", "1", "-l", "1", "dossier.pdf", "page"],
        cwd=tmp_path,
        check=True,
    )
    from PIL import Image, ImageStat

    (png,) = tmp_path.glob("page*.png")
    with Image.open(png) as im:
        assert im.size[0] > 300 and im.size[1] > im.size[0]  # A4 portrait
        gris = im.convert("L")
        # Pas blanche : du texte sombre couvre une partie de la page, et l'essentiel reste du papier
        # blanc.
        sombres = sum(gris.histogram()[:128]) / (gris.size[0] * gris.size[1])
        assert 0.002 < sombres < 0.3
        assert ImageStat.Stat(gris).mean[0] > 200


# ----------------------------------------------------------------------------- fiches communes
def test_fiche_commune_une_page_avec_ses_chiffres(con, brut):
    d = contenu.rassembler(con, "commune", "00001", HORIZON, "central", comparer=False)
    lecteur = PdfReader(io.BytesIO(pdf.fiche_commune_pdf(d)))
    assert len(lecteur.pages) == 1
    texte = normal(lecteur.pages[0].extract_text())
    annee = brut.execute("select max(annee) from population").fetchone()[0]
    population = brut.execute(
        "select sum(population) from population where annee = ? and code_commune = '00001'",
        [annee],
    ).fetchone()[0]
    nom = brut.execute("select nom_commune from commune where code_commune = '00001'").fetchone()[0]
    assert f"{nom} (00001)" in texte
    assert normal(nombre(population)) in texte
    assert "Services et capacités" in texte


def test_lot_de_fiches_avec_progression(con):
    etapes = []
    donnees = lot.fiches_zip(
        con, "commune", "00001", HORIZON, "central", lambda m, f: etapes.append(f)
    )
    with zipfile.ZipFile(io.BytesIO(donnees)) as archive:
        noms = archive.namelist()
        assert noms == ["00001-porz-vihan.pdf"]
        assert archive.read(noms[0]).startswith(b"%PDF")
    assert etapes[0] == 0 and etapes[-1] == 1.0 and etapes == sorted(etapes)


# ------------------------------------------------------------------------------- PPTX et XLSX
def test_diaporama_relu(dossier_pays, brut):
    presentation = Presentation(io.BytesIO(diaporama.diaporama_pptx(dossier_pays)))
    diapos = list(presentation.slides)
    assert len(diapos) == len(ecrans.ecrans(dossier_pays))
    textes = [" ".join(s.text_frame.text for s in d.shapes if s.has_text_frame) for d in diapos]
    assert textes[0].startswith("Pays de démonstration")
    central, bas, haut = _projection_2050(brut)
    attendu = fourchette(bas, central, haut, "habitants", etiquette=True)
    assert any(attendu in t for t in textes)
    images_ = sum(1 for d in diapos for s in d.shapes if s.shape_type == 13)  # images
    assert images_ >= 5
    assert "Méthode et sources" in textes[-1]


def _entetes(feuille) -> list:
    """Les en-têtes d'une feuille du classeur : sa ligne 4, sous le titre, la source et une ligne
    vide (`vigie.exports.classeur`)."""
    return [c.value for c in feuille[4]]


def test_classeur_relu(dossier_pays, brut):
    classeur_ = openpyxl.load_workbook(io.BytesIO(classeur.classeur_xlsx(dossier_pays)))
    for feuille in (
        "Lisez-moi",
        "Population observée",
        "Projection",
        "Âges clés",
        "Scénarios",
        "Services",
        "Écarts par année",
        "Équipements",
        "Ratios",
        "Sources",
    ):
        assert feuille in classeur_.sheetnames
    projection = classeur_["Projection"]
    assert _entetes(projection)[:4] == [
        "Année",
        "Population projetée (habitants)",
        "Borne basse 80\u00a0% (habitants)",
        "Borne haute 80\u00a0% (habitants)",
    ]
    lignes = {r[0]: r for r in projection.iter_rows(min_row=5, values_only=True)}
    central, bas, haut = _projection_2050(brut)
    assert lignes[HORIZON][1] == pytest.approx(central, abs=1)
    assert lignes[HORIZON][2] == pytest.approx(bas, abs=1)
    assert lignes[HORIZON][3] == pytest.approx(haut, abs=1)
    annee, population = _population_recensement(brut)
    observee = {
        r[0]: r[1] for r in classeur_["Population observée"].iter_rows(min_row=5, values_only=True)
    }
    assert observee[annee] == pytest.approx(population)
    scenarios = [r[0] for r in classeur_["Scénarios"].iter_rows(min_row=5, values_only=True)]
    assert len(scenarios) == brut.execute("select count(*) from projection_scenario").fetchone()[0]


# -------------------------------------------------------------------------- erreurs, hors ligne
def test_scenario_inconnu_message_clair(con):
    with pytest.raises(contenu.ErreurExport, match="Scénario inconnu : « rêve »"):
        contenu.rassembler(con, *PAYS, HORIZON, "rêve")
    with pytest.raises(contenu.ErreurExport, match="Territoire inconnu"):
        contenu.rassembler(con, "epci", "999", HORIZON)


def test_trace_non_dessinable_signalee():
    import plotly.graph_objects as go

    with pytest.raises(images.ImageImpossible, match="heatmap"):
        images.en_png(go.Figure(go.Heatmap(z=[[1, 2]])))


def test_exports_sans_reseau(con, monkeypatch):
    def interdit(*args, **kwargs):
        raise OSError("réseau coupé pour le test")

    monkeypatch.setattr(socket.socket, "connect", interdit)
    monkeypatch.setattr(socket, "create_connection", interdit)
    d = contenu.rassembler(con, "epci", "000000002", 2040, "fecondite_haute")
    assert pdf.fiche_commune_pdf(
        contenu.rassembler(con, "commune", "00002", 2040, "central", comparer=False)
    ).startswith(b"%PDF")
    assert diaporama.diaporama_pptx(d)[:2] == b"PK"
    assert classeur.classeur_xlsx(d)[:2] == b"PK"


def test_commande_export(env_module, tmp_path, capsys):
    from vigie.cli import principal

    code = principal(
        [
            "export",
            "--niveau",
            "commune",
            "--code",
            "00001",
            "--documents",
            "classeur",
            "fiches",
            "--horizon",
            "2040",
            "--sortie",
            str(tmp_path),
        ]
    )
    sortie = capsys.readouterr().out
    assert code == 0, sortie
    fichiers = sorted(p.name for p in tmp_path.iterdir())
    assert fichiers == [
        "porz-vihan-central-2040-donnees.xlsx",
        "porz-vihan-central-2040-fiches-communes.zip",
    ]
    assert "[100%] Terminé" in sortie
    assert principal(["export", "--scenario", "inconnu", "--sortie", str(tmp_path)]) == 2
    assert "Scénario inconnu" in capsys.readouterr().err
    assert not list(Path(tmp_path).glob("*.partiel"))


def test_diaporama_graphiques_lisibles_et_decrits(dossier_pays):
    """Issue 18 : des graphiques qui remplissent la diapositive avec un texte d'au moins 14 pt,
    un vrai texte de remplacement (pas « image.png »), rien qui déborde de la diapositive."""
    from PIL import Image as ImagePIL

    from vigie.figures.presentation import TAILLE_TEXTE

    presentation = Presentation(io.BytesIO(diaporama.diaporama_pptx(dossier_pays)))
    largeur, hauteur = presentation.slide_width, presentation.slide_height
    vues = 0
    for numero, diapo in enumerate(presentation.slides, start=1):
        for forme in diapo.shapes:
            assert forme.left >= 0 and forme.top >= 0, numero
            assert forme.left + forme.width <= largeur, f"diapositive {numero} : trop large"
            assert forme.top + forme.height <= hauteur, f"diapositive {numero} : déborde en bas"
            if forme.shape_type != 13:
                continue
            vues += 1
            descr = forme._element.nvPicPr.cNvPr.get("descr") or ""
            assert len(descr) > 40 and not descr.endswith(".png"), descr
            assert forme.width / largeur > 0.55  # le graphique occupe l'essentiel de la diapositive
            with ImagePIL.open(io.BytesIO(forme.image.blob)) as im:
                largeur_px = im.size[0] / 2  # dessiné à l'échelle 2
            # Les libellés des graduations sont le plus petit texte : 0,9 × la police, 0,75 pt par
            # px Plotly à 100 dpi, puis mis à l'échelle, de la largeur dessinée à la largeur sur la
            # diapositive.
            pt_par_px = (forme.width / 12700) / (largeur_px * 0.72)
            assert TAILLE_TEXTE * 0.75 * 0.9 * pt_par_px >= 14, f"diapositive {numero}"
    assert vues >= 5


def test_classeur_feuille_par_commune_et_previsions(dossier_pays, con):
    livre = openpyxl.load_workbook(
        io.BytesIO(
            classeur.classeur_xlsx(dossier_pays, contenu.projection_communes(con, dossier_pays))
        )
    )
    assert "Prévisions d'usage" in livre.sheetnames  # toujours là, dit pourquoi quand elle est vide
    communes = dossier_pays.communes
    par_commune = [n for n in livre.sheetnames if n[-5:] in set(communes["code_commune"])]
    assert len(par_commune) == len(communes)
    premiere = livre[par_commune[0]]
    entetes = _entetes(premiere)
    assert entetes[:4] == [
        "Année",
        "Population (habitants)",
        "Population — bas de la fourchette à 80\u00a0% (habitants)",
        "Population — haut de la fourchette à 80\u00a0% (habitants)",
    ]
    assert "Moins de 3 ans (habitants)" in entetes and "75 ans ou plus (habitants)" in entetes
    annees = [r[0] for r in premiere.iter_rows(min_row=5, values_only=True)]
    assert annees[-1] == HORIZON


def test_ecrans_services_disent_la_phrase_d_alerte(dossier_pays):
    """Issue 18 : l'écran d'un service dit la phrase d'alerte des pages (`services.alerte`), sans
    la réécrire : un seul texte pour un même manque."""
    from vigie.analyses import services

    resume = services.resumer(dossier_pays.bilan, dossier_pays.scenario.libelle)
    assert resume.urgentes, "le Pays de démonstration a des services en manque"
    liste = ecrans.ecrans(dossier_pays)
    for alerte in resume.urgentes:
        nom = textes_services.libelle_service(alerte.service)
        ecran = next(e for e in liste if e.titre == nom)
        phrase = alerte.texte.removeprefix(f"{nom} : ")
        assert phrase[1:] in ecran.message, (ecran.message, alerte.texte)


def test_dossier_pdf_metadonnees(pdf_pays):
    """Issue 18, livrable 7 : ReportLab libre n'écrit pas de PDF balisé (aucun arbre de structure :
    README, section des exports) ; le PDF déclare au moins son titre, son auteur et sa langue."""
    lecteur = PdfReader(io.BytesIO(pdf_pays))
    assert lecteur.metadata.title and "Vigie" in (lecteur.metadata.author or "")
    assert str(lecteur.trailer["/Root"].get("/Lang")) == "fr-FR"


def test_millesimes_regroupes_par_titre():
    """Issue 18 : une vingtaine de millésimes d'un Pays réel, regroupés par titre et par suites
    d'années, et non plus en une ligne sur la couverture de la présentation."""
    paires = [("Populations légales", str(a)) for a in (2017, 2018, 2019, 2020, 2022)]
    paires += [("Recensement", "2021"), ("Populations légales", "2017"), ("Démo", "Démo 2026")]
    assert contenu.regrouper_millesimes(paires) == (
        "Populations légales 2017\u20132020, 2022 ; Recensement 2021 ; Démo Démo 2026"
    )


def test_couverture_de_la_presentation_sans_millesimes(dossier_pays):
    couverture = ecrans.ecrans(dossier_pays)[0]
    assert "Méthode et sources" in couverture.note and "2021" not in couverture.note
