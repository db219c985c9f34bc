"""Un Pays réel de bout en bout (issue 14) : depuis un dépôt neuf, les commandes du README
(« Mon territoire réel en 10 minutes ») sur les fichiers officiels de ../shared/data, puis toutes
les pages de l'application sur le Pays de Morlaix dans Chromium à 1280 × 720.

Sur chaque page : aucune exception, aucun graphique Plotly vide là où il y en a, le nombre de
graphiques attendu, et les états vides qui nomment le fichier manquant (pas de BPE ni de FINESS du
Finistère dans ../shared/data : la page Services dit lesquels et où les prendre). Les sources d'un
territoire réel ne citent jamais les fichiers de la démonstration.

Ignoré sans ../shared/data ou sans Chromium. La construction (import, territoire, build, ~3 min
sur 2 cœurs) est la fixture `pays_reel` de tests/conftest.py : faite une fois par lancement et
partagée avec les tests d'import sur données réelles. `VIGIE_CAPTURES=dossier` y garde les captures de
chaque page (pleine hauteur) pour les regarder.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.conftest import COMMANDES_PAYS_REEL, env_pays_reel, journal_pays_reel, lire
from tests.e2e.navigateur import ATTENTE_MS, attendre_calme, serveur_vigie

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PAYS = "niveau=territoire&code=PAYS-DE-MORLAIX"
# Chaque page, et le nombre de graphiques qu'elle montre au moins sur le Pays de Morlaix.
PAGES = {
    "": 3,  # évolution 2019-2023, pyramide, groupes d'âge
    "population": 3,
    "services": 1,
    "scenarios": 2,
    "frequentation": 0,
    "carte": 1,
    "comparer": 3,
    "presentation": 0,
    "exports": 0,
    "donnees": 0,
    "import_donnees": 0,
    "sources": 0,
}
DEMO = "territoire fictif de démonstration"
# Ce que chaque page doit dire sur le Pays de Morlaix : l'accueil, l'état vide des Services (pas de
# BPE ni de FINESS du Finistère dans ../shared/data : lesquels et où les prendre), les repères de
# Comparer et son évolution sur les populations légales.
TEXTES_ATTENDUS = {
    "": ("Pays de Morlaix", "Habitants", "depuis 2019", "BPE", "FINESS"),
    "services": ("BPE", "FINESS", "data.gouv.fr", "insee.fr"),
    "comparer": (
        "Finistère (département)",
        "Bretagne (région)",
        "France",
        "Évolution par an 2019-2023",
    ),
}
TEXTES_PRESENTS_JS = """(attendus) => {
  const principal = document.querySelector('[data-testid=stMain]');
  return principal !== null && attendus.every(t => principal.textContent.includes(t));
}"""

# La page est prête : son script a fini et au moins `minimum` graphiques Plotly sont dessinés
# (pas de condition sur le titre : la Présentation, plein écran, n'en a pas).
PAGE_PRETE_JS = """(minimum) => {
  const app = document.querySelector('[data-testid=stApp]');
  const graphiques = Array.from(document.querySelectorAll('[data-testid=stPlotlyChart]'));
  return app !== null && app.getAttribute('data-test-script-state') === 'notRunning'
    && graphiques.length >= minimum
    && graphiques.every(c => { const e = c.querySelector('.js-plotly-plot');
                               return e && e._fullData; });
}"""
# Les graphiques Plotly dessinés, et combien de leurs traces ont des points.
GRAPHIQUES_JS = """() => Array.from(document.querySelectorAll('[data-testid=stPlotlyChart]')).map(
  c => { const e = c.querySelector('.js-plotly-plot');
         if (!e || !e._fullData) return -1;
         return e._fullData.filter(t => t.visible !== false && (t._length || 0) > 0).length; })"""
# Les étiquettes des chiffres clés que Streamlit coupe (« Enfants de moins de … »).
COUPEES_JS = """() => Array.from(document.querySelectorAll(
  '[data-testid=stMetricLabel] p, [data-testid=stMetricLabel] div, [data-testid=stMetricDelta] div'
)).filter(e => e.scrollWidth > e.clientWidth + 1).map(e => e.innerText)"""


def test_commandes_du_readme_depuis_un_depot_neuf(pays_reel):
    journal = journal_pays_reel(pays_reel)
    assert journal.count("CODE 0") == len(COMMANDES_PAYS_REEL), journal[-3000:]
    assert "Traceback" not in journal, journal[-3000:]
    assert "déjà pris" not in journal
    base = pays_reel
    assert lire(
        base,
        "select count(*) from territoire_commune where code_territoire = 'PAYS-DE-MORLAIX'",
    ) == [(59,)]
    # La structure par âge est estimée (pas de recensement détaillé dans ../shared/data) et dite.
    assert lire(
        base,
        "select count(distinct code_commune) from population_estimee "
        "where code_commune in (select code_commune from territoire_commune "
        "where code_territoire = 'PAYS-DE-MORLAIX')",
    ) == [(59,)]
    # La tendance 2019-2023 de l'accueil est celle des populations légales.
    legales = lire(
        base,
        "select annee, sum(population_municipale) from population_legale "
        "join territoire_commune using (code_commune) "
        "where code_territoire = 'PAYS-DE-MORLAIX' group by all order by 1",
    )
    estimees = lire(
        base,
        "select annee, sum(population) from population join territoire_commune "
        "using (code_commune) where code_territoire = 'PAYS-DE-MORLAIX' group by all order by 1",
    )
    assert [a for a, _ in legales] == [2019, 2020, 2021, 2022, 2023]
    assert [a for a, _ in estimees] == [a for a, _ in legales]
    for (_, legale), (_, estimee) in zip(legales, estimees, strict=True):
        assert estimee == pytest.approx(legale)


def test_toutes_les_pages_sur_le_pays_de_morlaix(pays_reel, chromium):
    captures = os.environ.get("VIGIE_CAPTURES")
    problemes = []
    with serveur_vigie(env_pays_reel(pays_reel)) as (url, _):
        page = chromium.new_page(viewport={"width": 1280, "height": 720})
        erreurs = []
        page.on("pageerror", lambda e: erreurs.append(str(e)))
        for nom, minimum in PAGES.items():
            quoi = nom or "accueil"
            page.goto(f"{url}/{nom}?{PAYS}")
            attendre_calme(page)
            # Juste après le chargement, la page neuve peut se dire « notRunning » avant que son
            # script ait commencé (vu sous charge : accueil lu sans ses graphiques) : attendre
            # aussi au moins les graphiques attendus, chacun dessiné (Plotly dessine après le
            # script).
            try:
                page.wait_for_function(PAGE_PRETE_JS, arg=minimum, timeout=ATTENTE_MS)
            except Exception:  # noqa: BLE001 (le relevé ci-dessous dit ce qui manque)
                pass
            attendre_calme(page)
            # Les tableaux (st.dataframe) se dessinent après le script, quand leur code JavaScript,
            # chargé à la demande, est arrivé : vu sous charge en CI, le tableau de Comparer lu
            # sans ses en-têtes. Attendre aussi les textes attendus de la page.
            try:
                page.wait_for_function(
                    TEXTES_PRESENTS_JS, arg=list(TEXTES_ATTENDUS.get(nom, ())), timeout=ATTENTE_MS
                )
            except Exception:  # noqa: BLE001 (le relevé ci-dessous dit ce qui manque)
                pass
            texte = page.evaluate(
                "() => document.querySelector('[data-testid=stMain]').textContent"
            )
            if page.locator("[data-testid=stException]").count():
                exceptions = page.locator("[data-testid=stException]").all_inner_texts()
                problemes.append(f"{quoi} : exception {exceptions[0][:300]}")
            traces = page.evaluate(GRAPHIQUES_JS)
            if any(n <= 0 for n in traces):
                problemes.append(f"{quoi} : graphique vide ({traces})")
            if len(traces) < minimum:
                problemes.append(f"{quoi} : {len(traces)} graphiques, {minimum} attendus")
            if DEMO in texte:
                problemes.append(f"{quoi} : cite les fichiers de la démonstration")
            if "Reconstruisez" in texte:
                problemes.append(f"{quoi} : demande une reconstruction qui n'aiderait pas")
            if coupees := page.evaluate(COUPEES_JS):
                problemes.append(f"{quoi} : étiquettes coupées {coupees}")
            for attendu in TEXTES_ATTENDUS.get(nom, ()):
                if attendu not in texte:
                    problemes.append(f"{quoi} : « {attendu} » absent")
            if nom == "comparer" and "Pas de chiffres dans la base" in texte:
                problemes.append("comparer : repères manquants")
            if captures:
                hauteur = page.evaluate(
                    "() => document.querySelector('[data-testid=stMainBlockContainer]')"
                    ".scrollHeight"
                )
                page.set_viewport_size({"width": 1280, "height": min(hauteur + 200, 8000)})
                page.wait_for_timeout(1000)  # le temps de peindre, pour la capture seulement
                page.screenshot(path=str(Path(captures) / f"{quoi}.png"))
                page.set_viewport_size({"width": 1280, "height": 720})
    assert not problemes, "\n".join(problemes)
    assert not erreurs, erreurs
