"""Fixtures des tests des documents : la base de démonstration et une base utilisateur vide,
pour tout un module (les documents se relisent plusieurs fois sans reconstruire)."""

from __future__ import annotations

import pytest

from tests.conftest import pointer_sur


@pytest.fixture(scope="module")
def env_module(base_demo, tmp_path_factory):
    """La base de démonstration et une base utilisateur vide, pour tout le module."""
    with pytest.MonkeyPatch.context() as mp:
        yield pointer_sur(mp, base_demo, tmp_path_factory.mktemp("utilisateur"))
