"""Réactivité de la présentation (issue 18) : le temps qu'un élu attend entre deux écrans, dans
Chromium, à 1280 × 720, écran par écran, et le temps de fabrication des trois documents.

Lance l'application sur la base donnée (par défaut `data/vigie.duckdb`), parcourt la présentation
du territoire deux fois (la première remplit les caches, la seconde est mesurée : « à chaud »),
et imprime un tableau : médiane, 95e centile et maximum du passage à l'écran suivant (du clic à
l'écran redessiné, sans élément périmé), puis la durée du PDF, du PPTX et du XLSX.

    python bench/bench_presentation.py [--base data/vigie.duckdb] [--tours 2]

Ne rien lancer d'autre en même temps : les mesures dépendent de la charge de la machine.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

RACINE = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(RACINE))
sys.path.insert(0, str(RACINE / "tests" / "e2e"))

from navigateur import ARGUMENTS_CHROMIUM, CHROMIUM, serveur_streamlit  # noqa: E402

ADRESSE = "/presentation?niveau=territoire&code=PAYSDEMO&horizon=2050&scenario=central&ecran=1"
SANS_ATTENTE = "() => !document.querySelector('[data-stale=\"true\"]')"


def _parcours(page, url: str) -> list[float]:
    page.goto(url + ADRESSE)
    page.locator(".st-key-presentation_suivant button").wait_for(timeout=180_000)
    page.wait_for_function(SANS_ATTENTE, timeout=60_000)
    durees, numero = [], 1
    while not page.locator(".st-key-presentation_suivant button").is_disabled():
        debut = time.perf_counter()
        page.keyboard.press("ArrowRight")
        numero += 1
        page.wait_for_function(
            f"() => document.body.innerText.includes('écran {numero} sur')", timeout=60_000
        )
        page.wait_for_function(SANS_ATTENTE, timeout=60_000)
        durees.append(time.perf_counter() - debut)
    return durees


def _centile(valeurs: list[float], q: float) -> float:
    ordonnees = sorted(valeurs)
    return ordonnees[min(len(ordonnees) - 1, round(q * (len(ordonnees) - 1)))]


def main() -> None:
    parseur = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parseur.add_argument("--base", type=Path, default=RACINE / "data" / "vigie.duckdb")
    parseur.add_argument("--tours", type=int, default=2)
    arguments = parseur.parse_args()
    from playwright.sync_api import sync_playwright

    lignes = []
    with (
        tempfile.TemporaryDirectory() as dossier,
        serveur_streamlit(arguments.base, Path(dossier)) as url,
        sync_playwright() as p,
    ):
        navigateur = p.chromium.launch(executable_path=CHROMIUM, args=ARGUMENTS_CHROMIUM)
        page = navigateur.new_page(viewport={"width": 1280, "height": 720})
        for tour in range(1, arguments.tours + 1):
            durees = _parcours(page, url)
            lignes.append(
                (
                    f"écran suivant, tour {tour}" + (" (à froid)" if tour == 1 else " (à chaud)"),
                    len(durees),
                    statistics.median(durees),
                    _centile(durees, 0.95),
                    max(durees),
                )
            )
        navigateur.close()

    import os

    os.environ["VIGIE_BASE"] = str(arguments.base)
    from vigie.exports import classeur, contenu, diaporama, pdf
    from vigie.stockage import lecture

    curseur = lecture.Catalogue(chemin=arguments.base).curseur()
    debut = time.perf_counter()
    d = contenu.rassembler(curseur, "territoire", "PAYSDEMO", 2050, "central")
    documents = [("chiffres du dossier", time.perf_counter() - debut)]
    for nom, fabrique in (
        ("dossier PDF", pdf.dossier_pdf),
        ("diaporama PPTX", diaporama.diaporama_pptx),
        (
            "classeur XLSX",
            lambda x: classeur.classeur_xlsx(x, contenu.projection_communes(curseur, x)),
        ),
    ):
        debut = time.perf_counter()
        fabrique(d)
        documents.append((nom, time.perf_counter() - debut))
    curseur.close()

    print(f"{'mesure':<34} {'n':>3} {'médiane':>9} {'p95':>8} {'max':>8}")
    for nom, n, mediane, p95, maximum in lignes:
        print(f"{nom:<34} {n:>3} {mediane:>8.2f}s {p95:>7.2f}s {maximum:>7.2f}s")
    for nom, duree in documents:
        print(f"{nom:<34} {1:>3} {duree:>8.2f}s")


if __name__ == "__main__":
    main()
