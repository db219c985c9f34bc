"""Layering rules of GUIDE.md: models/ imports neither streamlit nor duckdb; pages hold no SQL;
every module says what it owns."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

RACINE = Path(__file__).resolve().parents[1]
MODELES = sorted((RACINE / "models").rglob("*.py"))
PAGES = sorted((RACINE / "pages").glob("*.py"))
SQL_DANS_TEXTE = re.compile(
    r"\b(select\s+.+\s+from|insert\s+into|create\s+(table|view))\b", re.I | re.S
)


def _imports(chemin: Path) -> set[str]:
    arbre = ast.parse(chemin.read_text(encoding="utf-8"))
    noms = set()
    for noeud in ast.walk(arbre):
        if isinstance(noeud, ast.Import):
            noms.update(a.name.split(".")[0] for a in noeud.names)
        elif isinstance(noeud, ast.ImportFrom) and noeud.module:
            noms.add(noeud.module.split(".")[0])
    return noms


@pytest.mark.parametrize("chemin", MODELES, ids=[str(p.relative_to(RACINE)) for p in MODELES])
def test_models_sans_streamlit_ni_duckdb(chemin):
    assert not _imports(chemin) & {"streamlit", "duckdb", "vigie"}


@pytest.mark.parametrize("chemin", PAGES, ids=[p.name for p in PAGES])
def test_pages_sans_sql_et_documentees(chemin):
    texte = chemin.read_text(encoding="utf-8")
    arbre = ast.parse(texte)
    assert ast.get_docstring(arbre), f"{chemin.name} : docstring de module manquante"
    for noeud in ast.walk(arbre):
        if isinstance(noeud, ast.Constant) and isinstance(noeud.value, str):
            assert not SQL_DANS_TEXTE.search(noeud.value), f"SQL dans {chemin.name}"
    assert "duckdb" not in _imports(chemin)


def test_chaque_module_a_une_docstring():
    sans = [
        str(p.relative_to(RACINE))
        for p in sorted((RACINE / "vigie").rglob("*.py")) + MODELES
        if p.stat().st_size and not ast.get_docstring(ast.parse(p.read_text(encoding="utf-8")))
    ]
    assert sans == []
