"""Fixtures of the importer tests: the small official-format files of tests/fixtures/importeurs,
and a private copy of the demo database with an empty user folder for each test that writes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "importeurs"


@pytest.fixture
def fixture():
    """Path of a fixture file by name."""

    def chemin(nom: str) -> Path:
        return FIXTURES / nom

    return chemin


@pytest.fixture
def base_copie(base_demo, tmp_path, monkeypatch) -> Path:
    """A copy of the demo database the test may change, and an empty user folder."""
    chemin = tmp_path / "vigie.duckdb"
    shutil.copyfile(base_demo, chemin)
    monkeypatch.setenv("VIGIE_BASE", str(chemin))
    monkeypatch.setenv("VIGIE_BASE_UTILISATEUR", str(tmp_path / "utilisateur" / "vigie_u.duckdb"))
    return chemin


GEOGRAPHIE = [
    "v_mvt_commune_2026.csv",
    "v_commune_2026.csv",
    "EPCI_au_01-01-2024.xlsx",
]
