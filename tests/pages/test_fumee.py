"""Smoke test (GUIDE §5): dashboard.py and every page run with no exception, for a Pays, an EPCI
and a commune, and every page is reachable from the navigation."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.conftest import RACINE, lancer_app

PAGES = sorted(p.name for p in (RACINE / "pages").glob("*.py"))
PERIMETRES = [("territoire", "PAYSDEMO"), ("epci", "000000003"), ("commune", "00007")]


def test_chaque_page_est_dans_la_navigation():
    texte = (RACINE / "dashboard.py").read_text(encoding="utf-8")
    cites = {
        n.value
        for n in ast.walk(ast.parse(texte))
        if isinstance(n, ast.Constant) and isinstance(n.value, str) and n.value.endswith(".py")
    }
    assert set(PAGES) == cites, (
        "une page de pages/ n'est pas déclarée dans dashboard.py (ou l'inverse)"
    )


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("niveau,code", PERIMETRES, ids=[n for n, _ in PERIMETRES])
def test_page_sans_exception(env_previsions, page, niveau, code):
    app = lancer_app(f"pages/{page}", niveau=niveau, code=code)
    assert not app.exception, f"{page} ({niveau} {code}) : {app.exception}"
    # Every page says what it shows (the presentation mode has its own large titles).
    assert app.title or app.markdown, f"{page} n'affiche rien"
    assert Path(RACINE / "pages" / page).exists()
