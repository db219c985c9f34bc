"""Aides des tests de bout en bout : servir la vraie application sur 127.0.0.1 et piloter le
Chromium de Debian avec Playwright (`playwright install` ne peut pas télécharger de navigateur ici,
on ne compte donc jamais dessus)."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.request import urlopen

import pytest

RACINE = Path(__file__).resolve().parents[2]
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or "/usr/bin/chromium"
ARGUMENTS_CHROMIUM = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def chromium_ou_passer() -> str:
    """Chemin de Chromium ; sauter en local s'il manque, mais échouer en CI (qui doit l'installer)."""
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail("Chromium absent : .ci/run doit installer le paquet Debian « chromium ».")
        pytest.skip("Chromium absent (apt-get install chromium)")
    return CHROMIUM


def port_libre() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# Attentes des tests dans le navigateur : une borne haute pour qu'une page réponde, jamais une
# mesure. Playwright rend la main dès que l'élément est là ; une machine de CI à 2 cœurs chargée
# peut être dix fois plus lente qu'une machine au repos, d'où une borne généreuse.
ATTENTE_MS = 300_000


@contextmanager
def serveur_vigie(
    env: dict[str, str], adresse: bool = True
) -> Iterator[tuple[str, subprocess.Popen]]:
    """Lancer `python -m vigie serve` sur un port local libre, avec `env` par-dessus cet
    environnement ; rendre son URL et son processus une fois qu'il répond ; l'arrêter.

    Args:
        env: VIGIE_BASE, VIGIE_BASE_UTILISATEUR...
        adresse: passer `--server.address 127.0.0.1` ; False teste le défaut du fichier de config.
    """
    port = port_libre()
    arguments = [sys.executable, "-m", "vigie", "serve", "--port", str(port)]
    if adresse:
        arguments += ["--server.address", "127.0.0.1"]
    processus = subprocess.Popen(
        [*arguments, "--server.headless", "true"],
        cwd=RACINE,
        env={**os.environ, **env},
        stdout=subprocess.DEVNULL,  # un tube plein bloquerait le serveur
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        limite = time.monotonic() + ATTENTE_MS / 1000
        while True:
            try:
                if urlopen(url + "/_stcore/health", timeout=2).read() == b"ok":
                    break
            except OSError:
                if processus.poll() is not None:
                    code = processus.returncode
                    raise RuntimeError(f"le serveur s'est arrêté (code {code})") from None
                if time.monotonic() > limite:
                    raise RuntimeError("le serveur Streamlit n'a pas démarré") from None
                time.sleep(0.3)  # scrutation du démarrage, pas une synchronisation du test
        yield url, processus
    finally:
        processus.terminate()
        try:
            processus.wait(timeout=30)
        except subprocess.TimeoutExpired:
            processus.kill()
            processus.wait(timeout=30)


@contextmanager
def serveur_streamlit(base: Path, dossier_utilisateur: Path) -> Iterator[str]:
    """L'application servie sur `base`, la base de l'utilisateur dans `dossier_utilisateur`, sans
    prévisions (quoi que contienne le data/ du développeur) ; rendre son URL."""
    env = {
        "VIGIE_BASE": str(base),
        "VIGIE_BASE_UTILISATEUR": str(dossier_utilisateur / "utilisateur.duckdb"),
        "VIGIE_PREVISIONS": str(dossier_utilisateur / "sans_previsions.duckdb"),
    }
    with serveur_vigie(env) as (url, _):
        yield url


def attendre_calme(page) -> None:
    """Attendre que Streamlit ait fini d'exécuter le script de la page : la racine de
    l'application le dit dans son attribut `data-test-script-state` (`initial` avant la première
    exécution, `running`, puis `notRunning`), l'état qu'attendent les propres tests de Streamlit
    dans le navigateur. Après un clic, attendre d'abord ce que le clic apporte (l'exécution a
    commencé), puis ceci."""
    page.locator("[data-testid='stApp'][data-test-script-state='notRunning']").wait_for(
        timeout=ATTENTE_MS
    )


def ajouter_programme_de_logements(page) -> None:
    """Sur la page Scénarios ouverte sur Porz-Vihan : 400 logements livrés de 2027 à 2030, le
    programme ajouté et son résumé affiché (le scénario des tests de bout en bout)."""
    for nom, valeur in (
        ("Nombre de logements (total)", "400"),
        ("Livrés à partir de", "2027"),
        ("jusqu'en (inclus)", "2030"),
    ):
        champ = page.get_by_role("spinbutton", name=nom)
        champ.fill(valeur)
        champ.press("Tab")
    page.get_by_role("button", name="Ajouter ce programme").click()
    page.get_by_text("Avec 400 logements à Porz-Vihan de 2027 à 2030").first.wait_for(
        timeout=ATTENTE_MS
    )
    attendre_calme(page)


# Un écran de la présentation mesuré dans la page : le défilement du document et de la zone
# principale de Streamlit (`stMain`), et leur position.
_ETAT_DEFILEMENT = """() => {
  const principal = document.querySelector('[data-testid="stMain"]');
  return {
    principal: principal.scrollHeight, visible: principal.clientHeight, haut: principal.scrollTop,
    document: document.documentElement.scrollHeight, fenetre: window.innerHeight,
    haut_document: document.scrollingElement.scrollTop,
  };
}"""

# L'écran `numero` est là et fini : son script a posé son numéro sur la page, Streamlit ne
# marque plus rien de périmé, et chaque graphique Plotly est dessiné (Plotly dessine après
# Streamlit).
_ECRAN_PRET = """(numero) =>
  document.documentElement.getAttribute('data-vigie-ecran') === String(numero)
  && document.querySelector(`.vigie-titre.vigie-ecran-${numero}`) !== null
  && !document.querySelector('[data-stale="true"]')
  && [...document.querySelectorAll('[data-testid="stPlotlyChart"]')]
       .every(g => g.querySelector('.js-plotly-plot .main-svg'))"""


def attendre_ecran(page, numero: int) -> str:
    """Attendre que l'écran `numero` (à partir de 1) de la présentation soit affiché et dessiné ;
    rendre le texte de la page. Le bandeau de navigation peut être dessiné avant le contenu (vu
    sur une machine chargée : « écran 1 sur 13 » sans son titre) : on attend donc aussi le titre
    de cet écran-là (classe `vigie-ecran-N`, posée par vigie/interface/presentation.py)."""
    page.wait_for_function(_ECRAN_PRET, arg=numero, timeout=ATTENTE_MS)
    attendre_calme(page)
    page.wait_for_function(_ECRAN_PRET, arg=numero, timeout=ATTENTE_MS)
    return page.inner_text("body")


def etat_defilement(page) -> dict:
    """Hauteurs et positions de défilement du document et de la zone principale."""
    return page.evaluate(_ETAT_DEFILEMENT)


def telecharger(page, bouton, dossier: Path) -> Path:
    """Cliquer un bouton de téléchargement et ranger le fichier reçu dans `dossier` sous le nom
    que propose l'application ; rendre son chemin. Le contexte du navigateur accepte les
    téléchargements (`accept_downloads=True`, le défaut de Playwright)."""
    with page.expect_download(timeout=ATTENTE_MS) as attente:
        bouton.click()
    telechargement = attente.value
    chemin = dossier / telechargement.suggested_filename
    telechargement.save_as(chemin)
    assert chemin.stat().st_size > 0, chemin
    return chemin
