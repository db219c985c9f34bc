"""Test de fumée (GUIDE §5) : dashboard.py et chaque page tournent sans exception, pour un Pays, un
EPCI et une commune, et chaque page est accessible depuis la navigation."""

from __future__ import annotations

import ast

import pytest

from tests.conftest import RACINE, lancer_app, pointer_sur

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


@pytest.fixture(scope="module")
def application(base_demo, previsions_demo, tmp_path_factory):
    """L'application ouverte une fois par périmètre (l'accueil tourne alors), puis menée de page en
    page comme par un utilisateur qui navigue : l'accueil n'est pas relancé avant chaque page."""
    ouvertes = {}
    with pytest.MonkeyPatch.context() as mp:
        pointer_sur(mp, base_demo, tmp_path_factory.mktemp("fumee"))
        mp.setenv("VIGIE_PREVISIONS", str(previsions_demo))

        def ouvrir(niveau: str, code: str):
            if (niveau, code) not in ouvertes:
                ouvertes[niveau, code] = lancer_app(niveau=niveau, code=code)
            return ouvertes[niveau, code]

        yield ouvrir


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("niveau,code", PERIMETRES, ids=[n for n, _ in PERIMETRES])
def test_page_sans_exception(application, page, niveau, code):
    app = application(niveau, code)
    app.switch_page(f"pages/{page}")
    app.run()
    assert not app.exception, f"{page} ({niveau} {code}) : {app.exception}"
    # Chaque page dit ce qu'elle montre (le mode présentation a ses propres grands titres).
    assert app.title or app.markdown, f"{page} n'affiche rien"
    # Toujours le périmètre choisi : la page montre ce que le lien demandait.
    assert app.query_params.get("code") == code, app.query_params
