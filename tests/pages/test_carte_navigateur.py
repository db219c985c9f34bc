"""La page Carte dans un vrai navigateur (Chromium sans interface) : la carte se dessine, un clic
ouvre les chiffres d'une commune, et rien n'est demandé hors de 127.0.0.1 (ni tuiles, ni polices,
ni topologie, ni icônes)."""

from __future__ import annotations

import pytest

from tests.e2e.navigateur import (
    ATTENTE_MS,
    attendre_calme,
    serveur_streamlit,
)

pytestmark = pytest.mark.browser


def test_carte_hors_ligne_et_clic(base_demo, chromium, tmp_path):
    externes: list[str] = []
    with serveur_streamlit(base_demo, tmp_path) as serveur:
        page = chromium.new_page(viewport={"width": 1400, "height": 1800})
        page.on(
            "request",
            lambda r: (
                None
                if r.url.startswith(("http://127.0.0.1", "ws://127.0.0.1", "data:", "blob:"))
                else externes.append(r.url)
            ),
        )
        page.goto(f"{serveur}/?niveau=territoire&code=PAYSDEMO&horizon=2040")
        page.wait_for_selector("h1", timeout=ATTENTE_MS)
        page.get_by_role("link", name="Carte", exact=True).click()
        page.wait_for_selector(".js-plotly-plot canvas", timeout=ATTENTE_MS)
        attendre_calme(page)
        # MapLibre a chargé et dessiné ses sources (les contours) : le clic tombe sur une commune.
        page.wait_for_function(
            "() => { const gd = document.querySelector('.js-plotly-plot');"
            " const sp = gd && gd._fullLayout && gd._fullLayout.map && gd._fullLayout.map._subplot;"
            " return !!(sp && sp.map && sp.map.loaded()); }",
            timeout=ATTENTE_MS,
        )
        assert page.get_by_text("Seuils naturels (Jenks)").count() > 0
        boite = page.locator(".js-plotly-plot").first.bounding_box()
        page.mouse.click(boite["x"] + boite["width"] * 0.33, boite["y"] + boite["height"] * 0.45)
        page.wait_for_selector("h3:has-text('(000')", timeout=ATTENTE_MS)
        page.screenshot(path=str(tmp_path / "carte.png"))
    assert externes == [], f"requêtes hors de 127.0.0.1 : {externes}"
