"""Ce que les bancs d'essai de bench/ partagent : chronométrer (durées de répétitions, médiane,
horloge et processeur), imprimer un tableau, démarrer `python -m vigie serve` et attendre qu'il
réponde, ouvrir Chromium (paquet Debian) et relever les requêtes qui sortiraient de la machine.

Un banc se lance par `python bench/<banc>.py` : bench/ est alors en tête de `sys.path`, d'où
`import banc`. L'import ajoute la racine du dépôt à `sys.path` (pour `vigie` et `models`). Aucun
banc n'affirme de temps : ils impriment, les tests ne mesurent pas l'horloge.
"""

from __future__ import annotations

import os
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from urllib.request import urlopen

RACINE = Path(__file__).resolve().parents[1]
if str(RACINE) not in sys.path:
    sys.path.insert(0, str(RACINE))

CHROMIUM = "/usr/bin/chromium"
# Sans bac à sable (conteneur), sans GPU et sans appel réseau de Chromium lui-même : ce qui sort de
# 127.0.0.1 vient alors de la page mesurée.
ARGUMENTS_CHROMIUM = [
    "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
    "--disable-background-networking", "--disable-component-update", "--no-first-run",
]  # fmt: skip
LOCALES = ("http://127.0.0.1", "ws://127.0.0.1", "data:", "blob:")


def durees(fonction: Callable[[], object], repetitions: int) -> list[float]:
    """Les durées (secondes d'horloge) de `repetitions` appels de `fonction`."""
    resultat = []
    for _ in range(repetitions):
        debut = time.perf_counter()
        fonction()
        resultat.append(time.perf_counter() - debut)
    return resultat


def mediane(fonction: Callable[[], object], repetitions: int) -> tuple[float, object]:
    """La médiane des durées (s) de `repetitions` appels, et le résultat du dernier appel."""
    dernier = []
    temps = durees(lambda: dernier.append(fonction()), repetitions)
    return statistics.median(temps), dernier[-1]


def chrono(fonction: Callable[[], object]) -> tuple[float, object]:
    """La durée (s d'horloge) d'un appel, et son résultat."""
    debut = time.perf_counter()
    resultat = fonction()
    return time.perf_counter() - debut, resultat


def chrono_processeur(fonction: Callable[[], object]) -> tuple[float, float, object]:
    """Les durées d'horloge et de processeur (s, ce processus) d'un appel, et son résultat : la
    machine est partagée, la première dit ce qu'attend l'utilisateur, la seconde le travail fait."""
    debut, processeur = time.perf_counter(), time.process_time()
    resultat = fonction()
    return time.perf_counter() - debut, time.process_time() - processeur, resultat


def tableau(donnees, titre: str, decimales: int | None = 3) -> None:
    """Imprime `## titre` puis le tableau (DataFrame ou liste de dictionnaires), sans index.

    Args:
        decimales: chiffres après la virgule des nombres décimaux ; None les laisse tels quels.
    """
    import pandas as pd

    cadre = donnees if isinstance(donnees, pd.DataFrame) else pd.DataFrame(donnees)
    format_nombre = None if decimales is None else (lambda x: f"{x:.{decimales}f}")
    print(f"\n## {titre}\n")
    with pd.option_context("display.width", 200, "display.max_columns", 30):
        print(cadre.to_string(index=False, float_format=format_nombre))


def port_libre() -> int:
    """Un port TCP libre sur 127.0.0.1."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def demarrer_serveur(port: int, env: dict[str, str], limite_s: float = 180) -> subprocess.Popen:
    """Lance `python -m vigie serve --port <port>` (variables `env` ajoutées à l'environnement) et
    le rend dès que `/_stcore/health` répond.

    Raises:
        RuntimeError: pas de réponse en `limite_s` secondes (le serveur est alors arrêté).
    """
    serveur = subprocess.Popen(
        [sys.executable, "-m", "vigie", "serve", "--port", str(port)],
        cwd=RACINE,
        env=dict(os.environ, **env),
        stdout=subprocess.DEVNULL,  # un tube plein bloquerait le serveur
        stderr=subprocess.DEVNULL,
    )
    limite = time.monotonic() + limite_s
    while time.monotonic() < limite:
        try:
            if urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2).read() == b"ok":
                return serveur
        except OSError:
            time.sleep(0.2)
    arreter_serveur(serveur)
    raise RuntimeError(f"le serveur n'a pas démarré en {limite_s:.0f} s")


def arreter_serveur(serveur: subprocess.Popen, attente_s: float = 30) -> None:
    """Arrête le serveur (poliment, puis de force après `attente_s` secondes)."""
    serveur.terminate()
    try:
        serveur.wait(timeout=attente_s)
    except subprocess.TimeoutExpired:
        serveur.kill()
        serveur.wait()


def ouvrir_chromium(playwright):
    """Le Chromium du système, sans tête, piloté par Playwright (synchrone : le navigateur ;
    asynchrone : à attendre avec `await`)."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=ARGUMENTS_CHROMIUM)


def requetes_externes(page) -> list[str]:
    """La liste, remplie au fil de la navigation, des adresses que la page demande hors de la
    machine (ni 127.0.0.1, ni `data:`, ni `blob:`) : Vigie n'en fait aucune."""
    externes: list[str] = []
    page.on("request", lambda r: None if r.url.startswith(LOCALES) else externes.append(r.url))
    return externes
