"""Un Pays réel de bout en bout (issue 14) : depuis un dépôt neuf, les commandes du README
(« Mon territoire réel en 10 minutes ») sur les fichiers officiels de ../shared/data, puis toutes
les pages de l'application sur le Pays de Morlaix dans Chromium à 1280 × 720.

Sur chaque page : aucune exception, aucun graphique Plotly vide là où il y en a, le nombre de
graphiques attendu, et les états vides qui nomment le fichier manquant (pas de BPE ni de FINESS du
Finistère dans ../shared/data : la page Services dit lesquels et où les prendre). Les sources d'un
territoire réel ne citent jamais les fichiers de la démonstration.

Ignoré sans ../shared/data ou sans Chromium. La construction (import, territoire, build, ~3 min
sur 2 cœurs) est faite une fois par lancement. `VIGIE_CAPTURES=dossier` y garde les captures de
chaque page (pleine hauteur) pour les regarder.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import DONNEES_PARTAGEES, lire, une_fois_par_lancement
from tests.e2e.navigateur import ATTENTE_MS, RACINE, attendre_calme, serveur_vigie

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PAYS = "niveau=territoire&code=PAYS-DE-MORLAIX"
EPCI = ["242900835", "200067072", "242900751"]
COMMANDES = [
    ["import", str(DONNEES_PARTAGEES)],
    ["territoire", "--nom", "Pays de Morlaix", "--epci", *EPCI],
    ["build"],
]
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

# Les graphiques Plotly dessinés, et combien de leurs traces ont des points.
GRAPHIQUES_JS = """() => Array.from(document.querySelectorAll('[data-testid=stPlotlyChart]')).map(
  c => { const e = c.querySelector('.js-plotly-plot');
         if (!e || !e._fullData) return -1;
         return e._fullData.filter(t => t.visible !== false && (t._length || 0) > 0).length; })"""
# Les étiquettes des chiffres clés que Streamlit coupe (« Enfants de moins de … »).
COUPEES_JS = """() => Array.from(document.querySelectorAll(
  '[data-testid=stMetricLabel] p, [data-testid=stMetricLabel] div, [data-testid=stMetricDelta] div'
)).filter(e => e.scrollWidth > e.clientWidth + 1).map(e => e.innerText)"""


def _env(base: Path) -> dict[str, str]:
    return {
        "VIGIE_BASE": str(base),
        "VIGIE_BASE_UTILISATEUR": str(base.parent / "u" / "vigie_utilisateur.duckdb"),
        "VIGIE_PREVISIONS": str(base.parent / "previsions.duckdb"),
    }


def _construire(chemin: Path) -> None:
    """Les trois commandes du README dans un dossier neuf ; leurs sorties dans commandes.log."""
    journal = []
    for arguments in COMMANDES:
        fini = subprocess.run(
            [sys.executable, "-m", "vigie", *arguments],
            cwd=RACINE,
            env={**os.environ, **_env(chemin)},
            capture_output=True,
            text=True,
        )
        journal.append(
            f"$ python -m vigie {' '.join(arguments)}\nCODE {fini.returncode}\n"
            f"{fini.stdout}\n{fini.stderr}\n"
        )
        if fini.returncode:
            break
    (chemin.parent / "commandes.log").write_text("\n".join(journal), encoding="utf-8")


@pytest.fixture(scope="session")
def pays_morlaix(tmp_path_factory) -> Path:
    """La base du Pays de Morlaix (sa base de l'utilisateur à côté) construite par les commandes
    du README depuis un dépôt neuf, une fois par lancement. Un nom à elle : « vigie.duckdb » est
    celui de la démonstration partagée (`base_demo`)."""
    if not DONNEES_PARTAGEES.is_dir():
        pytest.skip("dossier ../shared/data absent (données ouvertes réelles)")
    return une_fois_par_lancement(tmp_path_factory, "pays_morlaix.duckdb", _construire)


def test_commandes_du_readme_depuis_un_depot_neuf(pays_morlaix):
    journal = (pays_morlaix.parent / "commandes.log").read_text(encoding="utf-8")
    assert journal.count("CODE 0") == len(COMMANDES), journal[-3000:]
    assert "Traceback" not in journal, journal[-3000:]
    assert "déjà pris" not in journal
    base = pays_morlaix
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


def test_toutes_les_pages_sur_le_pays_de_morlaix(pays_morlaix, chromium):
    captures = os.environ.get("VIGIE_CAPTURES")
    problemes = []
    with serveur_vigie(_env(pays_morlaix)) as (url, _):
        page = chromium.new_page(viewport={"width": 1280, "height": 720})
        erreurs = []
        page.on("pageerror", lambda e: erreurs.append(str(e)))
        for nom, minimum in PAGES.items():
            quoi = nom or "accueil"
            page.goto(f"{url}/{nom}?{PAYS}")
            attendre_calme(page)
            # Les graphiques se dessinent après le script : attendre que chacun le soit.
            page.wait_for_function(
                "() => Array.from(document.querySelectorAll('[data-testid=stPlotlyChart]'))"
                ".every(c => { const e = c.querySelector('.js-plotly-plot');"
                " return e && e._fullData; })",
                timeout=ATTENTE_MS,
            )
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
            if nom == "":
                for attendu in ("Pays de Morlaix", "Habitants", "depuis 2019", "BPE", "FINESS"):
                    if attendu not in texte:
                        problemes.append(f"accueil : « {attendu} » absent")
            if nom == "services":
                for attendu in ("BPE", "FINESS", "data.gouv.fr", "insee.fr"):
                    if attendu not in texte:
                        problemes.append(f"services : l'état vide ne nomme pas « {attendu} »")
            if nom == "comparer":
                for attendu in ("Finistère (département)", "Bretagne (région)", "France"):
                    if attendu not in texte:
                        problemes.append(f"comparer : « {attendu} » absent")
                if "Pas de chiffres dans la base" in texte:
                    problemes.append("comparer : repères manquants")
                if "Évolution par an 2019-2023" not in texte:
                    problemes.append("comparer : pas d'évolution 2019-2023")
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
