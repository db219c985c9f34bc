"""The Carte page in a real browser (headless Chromium): the map draws, a click opens a commune's
figures, and nothing is requested outside 127.0.0.1 (no tiles, fonts, topology or icons)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

RACINE = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")

pytestmark = pytest.mark.browser


def _port_libre() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def serveur(env_base):
    if not CHROMIUM.exists():
        pytest.skip("Chromium absent (/usr/bin/chromium)")
    pytest.importorskip("playwright.sync_api")
    port = _port_libre()
    processus = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            str(RACINE / "dashboard.py"),
            "--server.port",
            str(port),
            "--server.address",
            "127.0.0.1",
            "--server.headless",
            "true",
            "--browser.gatherUsageStats",
            "false",
        ],
        cwd=RACINE,
        env=os.environ.copy(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(120):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=1)
                break
            except OSError:
                time.sleep(0.5)
        else:
            pytest.fail("le serveur Streamlit n'a pas démarré")
        yield f"http://127.0.0.1:{port}"
    finally:
        processus.terminate()
        processus.wait(timeout=20)


def test_carte_hors_ligne_et_clic(serveur, tmp_path):
    from playwright.sync_api import sync_playwright

    externes: list[str] = []
    with sync_playwright() as p:
        navigateur = p.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        page = navigateur.new_page(viewport={"width": 1400, "height": 1800})
        page.on(
            "request",
            lambda r: (
                None
                if r.url.startswith(("http://127.0.0.1", "ws://127.0.0.1", "data:", "blob:"))
                else externes.append(r.url)
            ),
        )
        page.goto(f"{serveur}/?niveau=territoire&code=PAYSDEMO&horizon=2040")
        page.wait_for_selector("h1", timeout=90_000)
        page.get_by_role("link", name="Carte", exact=True).click()
        page.wait_for_selector(".js-plotly-plot canvas", timeout=90_000)
        time.sleep(2)
        assert page.get_by_text("Seuils naturels (Jenks)").count() > 0
        boite = page.locator(".js-plotly-plot").first.bounding_box()
        page.mouse.click(boite["x"] + boite["width"] * 0.33, boite["y"] + boite["height"] * 0.45)
        page.wait_for_selector("h3:has-text('(000')", timeout=60_000)
        page.screenshot(path=str(tmp_path / "carte.png"))
        navigateur.close()
    assert externes == [], f"requêtes hors de 127.0.0.1 : {externes}"
