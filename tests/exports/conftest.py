"""Fixtures des tests des documents : la base de démonstration et une base utilisateur vide,
pour tout un module (les documents se relisent plusieurs fois sans reconstruire)."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def env_module(base_demo, tmp_path_factory):
    """La base de démonstration et une base utilisateur vide, pour tout le module."""
    with pytest.MonkeyPatch.context() as mp:
        dossier = tmp_path_factory.mktemp("utilisateur")
        mp.setenv("VIGIE_BASE", str(base_demo))
        mp.setenv("VIGIE_BASE_UTILISATEUR", str(dossier / "utilisateur.duckdb"))
        mp.setenv("VIGIE_PREVISIONS", str(dossier / "sans_previsions.duckdb"))
        yield base_demo
