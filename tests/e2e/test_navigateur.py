"""De bout en bout (issue 2) : la vraie application dans Chromium sans interface montre le
territoire de démonstration, suit un lien vers un EPCI et ne fait aucune requête hors de cette
machine."""

from __future__ import annotations

import os
from urllib.parse import urlparse

import pytest

from tests.e2e.navigateur import ATTENTE_MS, RACINE, attendre_calme, serveur_streamlit

pytestmark = pytest.mark.browser


def test_accueil_dans_chromium(base_demo, chromium, tmp_path):
    hotes = set()
    with serveur_streamlit(base_demo, tmp_path) as url:
        page = chromium.new_page(viewport={"width": 1400, "height": 2000})
        page.on("request", lambda r: hotes.add(urlparse(r.url).hostname))
        erreurs = []
        page.on("pageerror", lambda e: erreurs.append(str(e)))

        page.goto(url + "/?niveau=territoire&code=PAYSDEMO&horizon=2050")
        page.get_by_text("Pays de démonstration").first.wait_for(timeout=ATTENTE_MS)
        page.locator("[data-testid='stMetric']").first.wait_for(timeout=ATTENTE_MS)
        page.locator(".js-plotly-plot").nth(3).wait_for(timeout=ATTENTE_MS)
        attendre_calme(page)
        texte = page.inner_text("body")
        assert "Chiffres clés au 1er janvier 2021" in texte
        assert "Habitants" in texte and "Source :" in texte
        capture = tmp_path / "accueil.png"
        page.screenshot(path=str(capture))
        assert capture.stat().st_size > 50_000
        if os.environ.get("VIGIE_CAPTURE_README"):
            page.screenshot(path=str(RACINE / "docs" / "ecran_accueil.png"))

        # Un lien envoyé avant une réunion ouvre la même vue.
        page.goto(url + "/?niveau=epci&code=000000002&horizon=2040")
        page.locator("[data-testid='stMetric']").first.wait_for(timeout=ATTENTE_MS)
        attendre_calme(page)
        assert "Intercommunalité (EPCI)" in page.inner_text("body")
        assert "code=000000002" in page.url
    assert hotes <= {"127.0.0.1", "localhost"}, f"requêtes hors de la machine : {hotes}"
    assert not erreurs, erreurs
