"""Shared fixtures: the demo database built once per test session, the real open data folder,
and an AppTest launcher that opens the app on a chosen territory through its URL."""

from __future__ import annotations

from pathlib import Path

import pytest

RACINE = Path(__file__).resolve().parents[1]
DONNEES_PARTAGEES = RACINE.parent / "shared" / "data"


@pytest.fixture(scope="session")
def base_demo(tmp_path_factory) -> Path:
    """The demo territory built from the shipped files into a temporary database (once).

    The developer's own imports (data/utilisateur/imports) are not replayed: tests see the demo.
    """
    from vigie.alimentation import construction

    chemin = tmp_path_factory.mktemp("base") / "vigie.duckdb"
    construction.construire(chemin=chemin, rejouer_imports=False)
    return chemin


@pytest.fixture(scope="session")
def previsions_demo(base_demo) -> Path:
    """Usage forecasts of the demo series (fast candidates only, to keep the suite short)."""
    from vigie.alimentation import previsions

    chemin = base_demo.with_name("previsions.duckdb")
    previsions.calculer_previsions(
        base_demo,
        chemin,
        processus=2,
        candidats=["naive", "naive_saisonniere", "ets_additif", "theta"],
    )
    return chemin


@pytest.fixture
def env_base(base_demo, tmp_path, monkeypatch) -> Path:
    """Point the app and the commands at the demo database and a fresh user database (no
    forecasts file: pages that need one are tested with `env_previsions`)."""
    monkeypatch.setenv("VIGIE_BASE", str(base_demo))
    monkeypatch.setenv("VIGIE_BASE_UTILISATEUR", str(tmp_path / "utilisateur.duckdb"))
    monkeypatch.setenv("VIGIE_PREVISIONS", str(tmp_path / "sans_previsions.duckdb"))
    return base_demo


@pytest.fixture
def env_previsions(env_base, previsions_demo, monkeypatch) -> Path:
    """Like `env_base`, with the demo usage forecasts."""
    monkeypatch.setenv("VIGIE_PREVISIONS", str(previsions_demo))
    return previsions_demo


@pytest.fixture
def donnees_partagees() -> Path:
    """The real INSEE/IGN/DGCL files of ../shared/data; the test is skipped without them."""
    if not DONNEES_PARTAGEES.is_dir():
        pytest.skip("dossier ../shared/data absent (données ouvertes réelles)")
    return DONNEES_PARTAGEES


def lancer_app(page: str | None = None, **parametres_url):
    """Run `dashboard.py` once in AppTest, with the given URL query parameters.

    AppTest runs the entry file (sidebar, navigation) only on the first run of a multipage app,
    so a territory is chosen the way a link does it: `lancer_app(niveau="commune", code="00001")`.
    `page` (e.g. "pages/sources.py") switches to that page after the first run.
    """
    from streamlit.testing.v1 import AppTest

    app = AppTest.from_file(str(RACINE / "dashboard.py"), default_timeout=120)
    for cle, valeur in parametres_url.items():
        app.query_params[cle] = str(valeur)
    app.run()
    if page:
        app.switch_page(page)
        app.run()
    return app
