"""Premier démarrage à plusieurs onglets (issue 16) : trois onglets ouverts en même temps sur un
dossier de données vide, dont deux rechargés pendant la construction, arrivent tous à l'accueil,
et une seule construction a eu lieu.

Avant l'issue 16, chaque session construisait de son côté dans `vigie.duckdb.tmp-<pid>` (le même
pid pour toutes) et effaçait le fichier des autres : deux onglets montraient « La construction de
la base a échoué », le troisième une trace d'erreur, et il ne restait aucune base.

Pour que « pendant la construction » ne dépende d'aucun délai, le test tient d'abord le verrou
d'écriture du dossier (comme le ferait un import en cours dans un autre programme) : la
construction du serveur attend, chaque onglet le montre, on en recharge un ; puis le test relâche
le verrou et recharge un autre onglet dès que la construction affiche une étape de chargement.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from contextlib import contextmanager
from pathlib import Path
from urllib.request import urlopen

import pytest
from navigateur import ARGUMENTS_CHROMIUM, RACINE, chromium_ou_passer, port_libre

from vigie.stockage import integrite, verrou

playwright = pytest.importorskip("playwright.sync_api")

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ADRESSE = "/?niveau=territoire&code=PAYSDEMO&horizon=2050"
ACCUEIL = "Chiffres clés au 1er janvier 2021"


@contextmanager
def serveur(env: dict[str, str]):
    """`python -m vigie serve` sur un port libre avec ces variables ; rend son adresse."""
    port = port_libre()
    processus = subprocess.Popen(
        [sys.executable, "-m", "vigie", "serve", "--port", str(port)]
        + ["--server.address", "127.0.0.1", "--server.headless", "true"],
        cwd=RACINE,
        env={**os.environ, **env},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        limite = time.monotonic() + 180
        while True:
            try:
                if urlopen(url + "/_stcore/health", timeout=2).read() == b"ok":
                    break
            except OSError:
                if time.monotonic() > limite or processus.poll() is not None:
                    raise RuntimeError("le serveur Streamlit n'a pas démarré") from None
                time.sleep(0.3)  # scrutation du démarrage, pas une synchronisation du test
        yield url
    finally:
        processus.terminate()
        try:
            processus.wait(timeout=30)
        except subprocess.TimeoutExpired:
            processus.kill()


def test_trois_onglets_au_premier_demarrage_une_seule_construction(previsions_demo, tmp_path):
    chemin = chromium_ou_passer()
    base = tmp_path / "donnees" / "vigie.duckdb"
    base.parent.mkdir()
    env = {
        "VIGIE_BASE": str(base),
        "VIGIE_BASE_UTILISATEUR": str(tmp_path / "utilisateur" / "u.duckdb"),
        # des prévisions déjà là : le lot d'arrière-plan ne se lance pas (machine de 2 cœurs)
        "VIGIE_PREVISIONS": str(previsions_demo),
    }
    tient, relacher = threading.Event(), threading.Event()

    def tenir() -> None:
        with verrou.ecriture(base, "import de fichiers"):
            tient.set()
            relacher.wait(timeout=600)

    fil = threading.Thread(target=tenir)
    fil.start()
    tient.wait(timeout=60)
    erreurs: list[str] = []
    try:
        with serveur(env) as url, playwright.sync_playwright() as p:
            navigateur = p.chromium.launch(executable_path=chemin, args=ARGUMENTS_CHROMIUM)
            contexte = navigateur.new_context(viewport={"width": 1400, "height": 1400})
            onglets = [contexte.new_page() for _ in range(3)]
            for onglet in onglets:
                onglet.on("pageerror", lambda e: erreurs.append(str(e)))
                onglet.goto(url + ADRESSE, wait_until="commit")
            attente = "Import de fichiers en cours dans un autre programme"
            for onglet in onglets:
                onglet.get_by_text(attente).first.wait_for(timeout=300_000)
            assert not base.exists()
            onglets[1].reload(wait_until="commit")  # rechargé pendant l'attente
            onglets[1].get_by_text(attente).first.wait_for(timeout=300_000)

            relacher.set()
            onglets[2].get_by_text("Chargement de").first.wait_for(timeout=300_000)
            onglets[2].reload(wait_until="commit")  # rechargé pendant la construction

            for onglet in onglets:
                onglet.get_by_text(ACCUEIL).first.wait_for(timeout=600_000)
                texte = onglet.inner_text("body")
                assert "a échoué" not in texte and "Traceback" not in texte
            navigateur.close()
    finally:
        relacher.set()
        fil.join(timeout=60)

    assert not erreurs, erreurs
    journal = verrou.journal(base).read_text(encoding="utf-8").splitlines()
    assert [ligne for ligne in journal if "construction terminée" in ligne] == [
        ligne for ligne in journal
    ], journal
    assert len(journal) == 1, journal
    assert integrite.diagnostiquer(base, complet=True) is None
    assert not list(base.parent.glob("vigie.duckdb.tmp-*"))
    assert Path(integrite.chemin_releve(base)).exists()
