"""Issue 18, « done when » : la préparation d'une séance du conseil, de bout en bout dans Chromium,
comme le ferait l'ingénieur sur le territoire de démonstration.

1. Scénarios : « 400 logements à Porz-Vihan dès 2027 » et « une crèche de 30 places », enregistré
   sous un nom, comparé au scénario central.
2. Population et Services : les chiffres du scénario enregistré, lus sur les pages.
3. Exporter : le scénario enregistré choisi, le dossier PDF, le diaporama et le classeur
   téléchargés ; le PDF nomme le scénario et porte les mêmes chiffres que les pages.
4. Présentation à 1280 × 720 avec ce scénario : chaque écran parcouru au clavier (→), capturé,
   sans défilement, ouvert en haut.

Les captures restent dans le dossier temporaire du test (ou `$VIGIE_CAPTURES`) ; leurs chemins
sont écrits dans la sortie du test (`pytest -s`)."""

from __future__ import annotations

import io
import os
import re
import shutil
import zipfile
from pathlib import Path
from urllib.parse import urlparse

import openpyxl
import pytest
from pypdf import PdfReader

from tests.e2e.navigateur import (
    ATTENTE_MS,
    ajouter_programme_de_logements,
    attendre_calme,
    attendre_ecran,
    etat_defilement,
    serveur_streamlit,
    telecharger,
)
from tests.exports.test_coherence import annee_creche, fourchette_lue, normal

pytestmark = [pytest.mark.browser, pytest.mark.slow]

NOM = "Porz-Vihan : 400 logements et une crèche"
TERRITOIRE = "niveau=territoire&code=PAYSDEMO&horizon=2050"


def construire_et_enregistrer(page, url: str) -> str:
    """Le scénario bâti et enregistré sur la page Scénarios ; son numéro (l'adresse le porte)."""
    page.goto(url + "/scenarios?niveau=commune&code=00001&horizon=2050")
    page.get_by_text("Les hypothèses").first.wait_for(timeout=ATTENTE_MS)
    attendre_calme(page)
    ajouter_programme_de_logements(page)

    page.get_by_text("Équipements : ouvertures et fermetures").click()
    ouverture = page.locator("[data-testid='stForm']").filter(has_text="Un équipement ouvre")
    service = ouverture.get_by_role("combobox", name="Service")
    assert service.input_value() == "Petite enfance (crèches)"  # le service proposé par défaut
    for nom, valeur in (("Capacité (en places)", "30"), ("Ouvre en", "2027")):
        champ = ouverture.get_by_role("spinbutton", name=nom)
        champ.fill(valeur)
        champ.press("Tab")
    ouverture.get_by_label("Nom (facultatif)").fill("Nouvelle crèche")
    ouverture.get_by_role("button", name="Ajouter cette ouverture").click()
    page.get_by_text("Nouvelle crèche de 30 places en 2027").first.wait_for(timeout=ATTENTE_MS)
    attendre_calme(page)

    page.get_by_label("Nom du scénario").fill(NOM)
    page.get_by_label("Auteur").fill("Service urbanisme")
    page.get_by_role("button", name="Enregistrer comme nouveau scénario").click()
    page.get_by_text("enregistré (n° 1, version 1)").first.wait_for(timeout=ATTENTE_MS)
    attendre_calme(page)
    assert "scenario=1" in page.url and "comparer=central" in page.url
    return "1"


def comparer_au_central(page, dossier: Path) -> None:
    """Côte à côte : un chiffre clé par scénario, le tableau des différences."""
    for nom in ("Scénario central", NOM):
        page.locator("[data-testid='stMetric']").filter(has_text=nom).first.wait_for(
            timeout=ATTENTE_MS
        )
    corps = page.inner_text("body")
    assert "Tableau des différences en 2050" in corps
    assert "Écarts : chaque scénario moins « Scénario central »" in corps
    page.screenshot(path=str(dossier / "preparation_comparaison.png"), full_page=True)


def chiffres_des_pages(page, url: str, numero: str) -> dict:
    """La population 2050 du scénario enregistré (page Population) et l'année du premier manque
    de places de crèche (page Services), lus comme les lit l'ingénieur."""
    page.goto(f"{url}/population?{TERRITOIRE}&scenario={numero}")
    phrase = page.locator("[data-testid='stMarkdown']").filter(has_text=f"{NOM} :").first
    phrase.wait_for(timeout=ATTENTE_MS)
    attendre_calme(page)
    m = re.search(rf"{re.escape(NOM)} : ([\d ]+) habitants en 2050", normal(phrase.inner_text()))
    assert m, phrase.inner_text()
    page.goto(f"{url}/services?{TERRITOIRE}&scenario={numero}")
    page.get_by_text("Petite enfance (crèches)").first.wait_for(timeout=ATTENTE_MS)
    attendre_calme(page)
    return {"habitants": m.group(1).strip(), "creche": annee_creche(page.inner_text("body"))}


def exporter(page, url: str, numero: str, dossier: Path) -> dict[str, Path]:
    """Exporter : le scénario enregistré choisi dans le menu, les trois documents téléchargés."""
    page.goto(f"{url}/exports?{TERRITOIRE}")
    menu = page.get_by_role("combobox", name="Scénario")
    menu.wait_for(timeout=ATTENTE_MS)
    attendre_calme(page)
    menu.click()
    page.get_by_role("option", name=re.compile(re.escape(NOM))).click()
    page.get_by_text(f"(scénario « {NOM} »)").first.wait_for(timeout=ATTENTE_MS)
    attendre_calme(page)
    fichiers = {}
    for cle, bouton in (
        ("pdf", "Télécharger le dossier PDF"),
        ("pptx", "Télécharger le diaporama"),
        ("xlsx", "Télécharger le classeur"),
    ):
        fichiers[cle] = telecharger(page, page.get_by_role("button", name=bouton), dossier)
    return fichiers


def verifier_documents(fichiers: dict[str, Path], chiffres: dict) -> str:
    """Le dossier PDF nomme le scénario enregistré et porte les chiffres des pages ; le diaporama
    et le classeur sont des fichiers Office lisibles qui le nomment aussi. Rend le texte du PDF."""
    texte = normal(" ".join(p.extract_text() for p in PdfReader(fichiers["pdf"]).pages))
    assert NOM.lower() in texte.lower(), "le dossier PDF ne nomme pas le scénario enregistré"
    lue = fourchette_lue(texte)
    assert lue and lue[2] == chiffres["habitants"], (lue, chiffres)
    assert annee_creche(texte) == chiffres["creche"], (annee_creche(texte), chiffres)
    # La comparaison des scénarios le place parmi les standard, avec ses hypothèses en mots.
    comparaison = texte[texte.index("Scénarios comparés") :]
    assert f"{NOM} 400 logements à Porz-Vihan de 2027 à 2030" in comparaison
    with zipfile.ZipFile(fichiers["pptx"]) as z:
        diapos = " ".join(
            z.read(n).decode() for n in z.namelist() if re.match(r"ppt/slides/slide\d+\.xml", n)
        )
    assert NOM.split(" : ")[0] in diapos and "400 logements" in diapos
    livre = openpyxl.load_workbook(io.BytesIO(fichiers["xlsx"].read_bytes()), read_only=True)
    cellules = " ".join(
        str(v) for f in livre.worksheets for r in f.iter_rows(values_only=True) for v in r if v
    )
    assert NOM.lower() in cellules.lower(), "le classeur ne nomme pas le scénario enregistré"
    return texte


def presenter(page, url: str, numero: str, dossier: Path) -> list[Path]:
    """Présentation à 1280 × 720 : chaque écran au clavier (→), capturé, sans défilement, en haut."""
    page.set_viewport_size({"width": 1280, "height": 720})
    page.goto(f"{url}/presentation?{TERRITOIRE}&scenario={numero}&ecran=1")
    captures = []
    numero_ecran, total = 1, None
    while True:
        texte = attendre_ecran(page, numero_ecran)
        m = re.search(r"écran (\d+) sur (\d+)", texte)
        assert m and int(m.group(1)) == numero_ecran, texte[:300]
        total = int(m.group(2))
        capture = dossier / f"preparation_presentation_{numero_ecran:02d}.png"
        page.screenshot(path=str(capture))
        captures.append(capture)
        etat = etat_defilement(page)
        ou = f"écran {numero_ecran} sur {total} à 1280×720 ({capture})"
        assert etat["document"] <= etat["fenetre"] + 1, f"{ou} : la page défile ({etat})"
        assert etat["principal"] <= etat["visible"] + 1, f"{ou} : l'écran défile ({etat})"
        assert etat["haut"] == 0 and etat["haut_document"] == 0, f"{ou} : pas en haut ({etat})"
        if numero_ecran == 1:
            assert NOM in normal(texte), "la présentation ne nomme pas le scénario"
        if numero_ecran == total:
            break
        page.keyboard.press("ArrowRight")
        numero_ecran += 1
    assert total >= 8
    return captures


def test_preparation_de_seance(base_demo, chromium, tmp_path):
    base = tmp_path / "vigie.duckdb"
    shutil.copy(base_demo, base)
    dossier = Path(os.environ.get("VIGIE_CAPTURES") or tmp_path / "captures")
    dossier.mkdir(parents=True, exist_ok=True)
    hotes, erreurs = set(), []
    with serveur_streamlit(base, tmp_path) as url:
        contexte = chromium.new_context(
            viewport={"width": 1400, "height": 1600}, accept_downloads=True
        )
        page = contexte.new_page()
        page.on("request", lambda r: hotes.add(urlparse(r.url).hostname))
        page.on("pageerror", lambda e: erreurs.append(str(e)))
        numero = construire_et_enregistrer(page, url)
        comparer_au_central(page, dossier)
        chiffres = chiffres_des_pages(page, url, numero)
        fichiers = exporter(page, url, numero, dossier)
        verifier_documents(fichiers, chiffres)
        captures = presenter(page, url, numero, dossier)
        contexte.close()
    print("Captures de la présentation :", *captures, sep="\n  ")
    assert hotes <= {"127.0.0.1", "localhost"}, f"requêtes hors de la machine : {hotes}"
    assert not erreurs, erreurs
