"""Helpers for the end-to-end tests: serve the real app on 127.0.0.1 and drive Debian's Chromium
with Playwright (`playwright install` cannot download a browser here, so we never rely on it)."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
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
    """Path of Chromium; skip locally when absent, but fail in CI (which must install it)."""
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail("Chromium absent : .ci/run doit installer le paquet Debian « chromium ».")
        pytest.skip("Chromium absent (apt-get install chromium)")
    return CHROMIUM


def port_libre() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def serveur_streamlit(base: Path, dossier_utilisateur: Path):
    """Start `python -m vigie serve` on a free local port; yield its URL; stop it."""
    port = port_libre()
    env = dict(
        os.environ,
        VIGIE_BASE=str(base),
        VIGIE_BASE_UTILISATEUR=str(dossier_utilisateur / "utilisateur.duckdb"),
    )
    processus = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "vigie",
            "serve",
            "--port",
            str(port),
            "--server.address",
            "127.0.0.1",
            "--server.headless",
            "true",
        ],
        cwd=RACINE,
        env=env,
        stdout=subprocess.DEVNULL,  # a full pipe would block the server
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        limite = time.monotonic() + 180  # a loaded 2-core CI machine is slow to import
        while time.monotonic() < limite:
            try:
                if urlopen(url + "/_stcore/health", timeout=2).read() == b"ok":
                    break
            except OSError:
                time.sleep(0.3)
        else:
            raise RuntimeError("le serveur Streamlit n'a pas démarré en 180 s")
        yield url
    finally:
        processus.terminate()
        try:
            processus.wait(timeout=10)
        except subprocess.TimeoutExpired:
            processus.kill()
