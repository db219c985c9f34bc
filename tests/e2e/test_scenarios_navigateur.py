"""Issue 6, « done when », comme le ferait un nouvel utilisateur dans Chromium sans interface :
construire « 400 logements à Porz-Vihan de 2027 à 2030 » dans la page Scénarios, voir changer la
population, la demande scolaire et de petite enfance et les écarts de capacité, l'enregistrer,
arrêter le serveur, reconstruire la base avec `python -m vigie build`, relancer et ouvrir le lien :
le scénario est là, comparé au scénario central dans une seule vue. Aucune requête ne quitte la
machine."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from urllib.parse import urlparse

import pytest

from tests.e2e.navigateur import (
    ATTENTE_MS,
    RACINE,
    ajouter_programme_de_logements,
    attendre_calme,
    serveur_streamlit,
)

pytestmark = pytest.mark.browser

VUE = "/scenarios?niveau=commune&code=00001&horizon=2035"


def test_scenario_400_logements_de_bout_en_bout(base_demo, chromium, tmp_path):
    base = tmp_path / "vigie.duckdb"
    shutil.copy(base_demo, base)
    hotes, erreurs = set(), []
    with serveur_streamlit(base, tmp_path) as url:
        page = chromium.new_page(viewport={"width": 1400, "height": 2400})
        page.on("request", lambda r: hotes.add(urlparse(r.url).hostname))
        page.on("pageerror", lambda e: erreurs.append(str(e)))
        page.goto(url + VUE)
        page.get_by_text("Les hypothèses").first.wait_for(timeout=ATTENTE_MS)
        titre = page.locator(".js-plotly-plot .gtitle").first
        titre.wait_for(timeout=ATTENTE_MS)
        assert "13" in titre.text_content()  # « Porz-Vihan en 2035 : 13 710 habitants »
        avant = titre.text_content()

        ajouter_programme_de_logements(page)
        resume = page.get_by_text("Avec 400 logements à Porz-Vihan de 2027 à 2030").first
        texte = resume.text_content()
        assert "habitants de plus en 2035" in texte and "dès 2028" in texte
        assert titre.text_content() != avant  # le graphique de population a été redessiné
        corps = page.inner_text("body")
        assert "classes de maternelle" in corps  # la demande scolaire change
        assert "Petite enfance (crèches) : 6,5 places de plus" in corps  # demande de petite enfance
        assert "Couverture des besoins en 2035" in corps  # graphique des écarts de capacité
        page.screenshot(path=str(tmp_path / "scenario_construit.png"))

        page.get_by_label("Nom du scénario").fill("400 logements à Porz-Vihan")
        page.get_by_label("Auteur").fill("Service urbanisme")
        page.get_by_role("button", name="Enregistrer comme nouveau scénario").click()
        page.get_by_text("enregistré (n° 1, version 1)").first.wait_for(timeout=ATTENTE_MS)
        attendre_calme(page)
        assert "scenario=1" in page.url and "comparer=central" in page.url
        lien = page.url.removeprefix(url)
        page.close()

    # Une reconstruction de la base ne touche jamais aux scénarios de l'utilisateur.
    reconstruction = subprocess.run(
        [sys.executable, "-m", "vigie", "build"],
        cwd=RACINE,
        env=dict(
            os.environ,
            VIGIE_BASE=str(base),
            VIGIE_BASE_UTILISATEUR=str(tmp_path / "utilisateur.duckdb"),
        ),
        capture_output=True,
        text=True,
        timeout=1800,
    )
    assert reconstruction.returncode == 0, reconstruction.stderr

    # Un nouveau serveur (redémarrage), le lien envoyé avant la réunion.
    with serveur_streamlit(base, tmp_path) as url:
        page = chromium.new_page(viewport={"width": 1400, "height": 2400})
        page.on("request", lambda r: hotes.add(urlparse(r.url).hostname))
        page.on("pageerror", lambda e: erreurs.append(str(e)))
        page.goto(url + lien)
        page.get_by_text("Avec 400 logements à Porz-Vihan de 2027 à 2030").first.wait_for(
            timeout=ATTENTE_MS
        )
        attendre_calme(page)
        # Côte à côte : un chiffre clé par scénario.
        for nom in ("Scénario central", "400 logements à Porz-Vihan"):
            page.locator("[data-testid='stMetric']").filter(has_text=nom).first.wait_for(
                timeout=ATTENTE_MS
            )
        page.locator(".js-plotly-plot").nth(3).wait_for(timeout=ATTENTE_MS)
        attendre_calme(page)
        corps = page.inner_text("body")
        assert "Tableau des différences en 2035" in corps
        assert "Écarts : chaque scénario moins « Scénario central »" in corps
        capture = tmp_path / "scenario_compare.png"
        page.screenshot(path=str(capture))
        assert capture.stat().st_size > 50_000
        if os.environ.get("VIGIE_CAPTURE_README"):
            page.screenshot(path=str(RACINE / "docs" / "ecran_scenarios.png"))
    assert hotes <= {"127.0.0.1", "localhost"}, f"requêtes hors de la machine : {hotes}"
    assert not erreurs, erreurs
