"""Fixtures des tests des importeurs : les petits fichiers au format officiel de
tests/fixtures/importeurs. (La copie privée de la base de démonstration que reçoit chaque test qui
écrit, `base_copie`, est dans tests/conftest.py : les tests de robustesse et des commandes s'en
servent aussi.)"""

from __future__ import annotations

from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "importeurs"


@pytest.fixture
def fixture():
    """Chemin d'un fichier de fixture, d'après son nom."""

    def chemin(nom: str) -> Path:
        return FIXTURES / nom

    return chemin


GEOGRAPHIE = [
    "v_mvt_commune_2026.csv",
    "v_commune_2026.csv",
    "EPCI_au_01-01-2024.xlsx",
]


@pytest.fixture
def avec_geographie(fixture):
    """Les fichiers de géographie (`GEOGRAPHIE` : communes, mouvements, EPCI), puis les fixtures
    nommées (un `Path` est pris tel quel) : ce que demande l'import de données communales."""

    def fichiers(*noms: str | Path) -> list[Path]:
        return [fixture(n) for n in GEOGRAPHIE] + [
            n if isinstance(n, Path) else fixture(n) for n in noms
        ]

    return fichiers
