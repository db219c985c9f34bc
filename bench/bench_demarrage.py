"""Banc d'essai du premier démarrage (issue 2) : combien de temps entre le lancement de
l'application sur une machine sans base et la page d'accueil affichée, construction comprise ?

Lance ``python -m vigie serve`` avec une base absente (dossier temporaire), ouvre la page
d'accueil dans Chromium (paquet Debian, piloté par Playwright) et mesure : démarrage du serveur,
construction de la base au premier affichage, page d'accueil complète (chiffres clés et
graphiques), puis un second affichage (base déjà construite). Objectif : moins de 30 s.

Usage : ``python bench/bench_demarrage.py``. Imprime un tableau ; aucun test n'affirme de temps.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

import banc


def main() -> None:
    from playwright.sync_api import sync_playwright

    dossier = Path(tempfile.mkdtemp())
    port = banc.port_libre()
    env = {
        "VIGIE_BASE": str(dossier / "vigie.duckdb"),
        "VIGIE_BASE_UTILISATEUR": str(dossier / "utilisateur.duckdb"),
        "VIGIE_PREVISIONS": str(dossier / "previsions.duckdb"),
    }
    t0 = time.perf_counter()
    serveur = banc.demarrer_serveur(port, env)
    mesures = {}
    try:
        mesures["serveur prêt"] = time.perf_counter() - t0
        with sync_playwright() as p:
            navigateur = banc.ouvrir_chromium(p)
            page = navigateur.new_page(viewport={"width": 1400, "height": 1600})
            page.goto(f"http://127.0.0.1:{port}/")
            page.locator("[data-testid='stMetric']").first.wait_for(timeout=300_000)
            mesures["chiffres clés affichés (construction comprise)"] = time.perf_counter() - t0
            page.locator(".js-plotly-plot").nth(3).wait_for(timeout=300_000)
            mesures["page d'accueil complète"] = time.perf_counter() - t0
            t1 = time.perf_counter()
            page.reload()
            page.locator(".js-plotly-plot").nth(3).wait_for(timeout=300_000)
            mesures["second affichage (base construite)"] = time.perf_counter() - t1
            navigateur.close()
    finally:
        banc.arreter_serveur(serveur, attente_s=20)
    print("\nPremier démarrage sur une machine sans base (objectif : accueil en moins de 30 s)")
    print(f"{'étape':<50} {'secondes':>9}")
    for etape, duree in mesures.items():
        print(f"{etape:<50} {duree:>9.1f}")


if __name__ == "__main__":
    main()
