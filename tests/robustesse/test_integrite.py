"""A damaged database file (issue 10): truncated, garbage, a corrupt block. `python -m vigie
check` names it, the app shows a French message (no traceback) and rebuilds on request, keeping
the user's settings."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pandas as pd
import pytest

from tests.conftest import RACINE, lancer_app
from vigie.stockage import integrite


def abimer(chemin, comment: str) -> None:
    donnees = chemin.read_bytes()
    if comment == "tronquee":
        chemin.write_bytes(donnees[: len(donnees) // 2])
    elif comment == "dechets":
        chemin.write_bytes(bytes(range(256)) * 4000)
    elif comment == "vide":
        chemin.write_bytes(b"")
    elif comment == "bloc":  # same size, one data block overwritten in the middle of the file
        milieu = (len(donnees) // 2) // 262144 * 262144
        chemin.write_bytes(donnees[:milieu] + b"\x5a" * 262144 + donnees[milieu + 262144 :])


@pytest.fixture
def copie(base_demo, tmp_path, monkeypatch):
    chemin = tmp_path / "vigie.duckdb"
    shutil.copyfile(base_demo, chemin)
    monkeypatch.setenv("VIGIE_BASE", str(chemin))
    monkeypatch.setenv("VIGIE_BASE_UTILISATEUR", str(tmp_path / "u" / "utilisateur.duckdb"))
    monkeypatch.setenv("VIGIE_PREVISIONS", str(tmp_path / "sans_previsions.duckdb"))
    return chemin


def test_base_entiere_sans_diagnostic(base_demo):
    assert integrite.diagnostiquer(base_demo, complet=True) is None


@pytest.mark.parametrize(
    "comment, mots",
    [
        ("tronquee", "fichier tronqué"),
        ("dechets", "pas un fichier de base DuckDB"),
        ("vide", "pas un fichier de base DuckDB"),
    ],
)
def test_diagnostic_rapide(copie, comment, mots):
    abimer(copie, comment)
    message = integrite.diagnostiquer(copie)
    assert message and mots in message and "python -m vigie build" in message


def test_bloc_illisible_trouve_par_la_lecture_complete(copie):
    abimer(copie, "bloc")
    message = integrite.diagnostiquer(copie, complet=True)
    assert message and "est endommagée" in message and "illisible" in message


@pytest.mark.parametrize("comment", ["tronquee", "dechets", "bloc"])
def test_check_signale_la_base_endommagee(copie, comment):
    abimer(copie, comment)
    sortie = subprocess.run(
        [sys.executable, "-m", "vigie", "check", "--base", str(copie)],
        cwd=RACINE,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert sortie.returncode == 1
    assert "est endommagée" in sortie.stderr and "Traceback" not in sortie.stderr
    assert "Reconstruisez-la" in sortie.stderr


def test_application_affiche_le_message_et_reconstruit_sans_perdre_les_reglages(copie):
    from vigie.reglages import ratios_utilisateur
    from vigie.stockage import base

    con = base.connecter(copie)
    defauts = base.requete(con, "ratios_demande")
    con.close()
    ratios_utilisateur.enregistrer(
        "commune", "00001", "ehpad", "global", {75: ("120", "1000")}, defauts
    )
    abimer(copie, "tronquee")

    app = lancer_app(niveau="commune", code="00001")
    assert not app.exception
    messages = " ".join(e.value for e in app.error)
    assert "est endommagée" in messages and "fichier tronqué" in messages
    bouton = app.button(key="integrite_reconstruire")
    bouton.click().run(timeout=600)
    assert not app.exception
    assert integrite.diagnostiquer(copie, complet=True) is None
    reglages = ratios_utilisateur.lire("commune", "00001")
    assert reglages.modifications["ratio"].tolist() == [120.0]
    assert isinstance(reglages.modifications, pd.DataFrame)
