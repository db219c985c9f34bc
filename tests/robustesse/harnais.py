"""Kill a real Vigie command at a random point (SIGKILL, no chance to clean up), then let the
test look at what is left on disk.

A point is "after the k-th line the command printed, plus a random delay": the commands print one
line per step (`[ 47%] Chargement de population.parquet`, `[3/20] S07`, `ok 12`), so a seeded
random k spreads the kills over every step, and the delay lands them inside a step. Any command
that prints its progress can be tested this way (build, import, forecast, a user save loop).
"""

from __future__ import annotations

import os
import queue
import random
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

RACINE = Path(__file__).resolve().parents[2]


@dataclass
class Execution:
    """What a killed command printed, and whether the kill landed before it ended."""

    lignes: list[str] = field(default_factory=list)
    tuee: bool = False
    code: int | None = None


def lancer(
    arguments: list[str], env: dict[str, str], nouvelle_session: bool = False
) -> tuple[subprocess.Popen, queue.Queue[str | None]]:
    """Run `python <arguments>` with `env` on top of this environment; its output (stdout and
    stderr) comes line by line into the queue, then None when it ends."""
    processus = subprocess.Popen(
        [sys.executable, *arguments],
        cwd=RACINE,
        env={**os.environ, **env, "PYTHONUNBUFFERED": "1"},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=nouvelle_session,
    )
    file: queue.Queue[str | None] = queue.Queue()

    def lire() -> None:
        for ligne in processus.stdout:
            file.put(ligne.rstrip("\n"))
        file.put(None)

    threading.Thread(target=lire, daemon=True).start()
    return processus, file


def tuer_au_hasard(
    arguments: list[str],
    env: dict[str, str],
    rng: random.Random,
    lignes_max: int,
    delai_max_s: float = 0.6,
    limite_s: float = 1800,
) -> Execution:
    """Run `python <arguments>`; SIGKILL its process group at a random point.

    Args:
        arguments: after the interpreter, e.g. `["-m", "vigie", "build", "--base", "x"]`.
        env: the environment (VIGIE_BASE...).
        rng: seeded generator: the kill point is reproducible.
        lignes_max: the kill comes after line k, k drawn in 1..lignes_max.
        delai_max_s: then after a delay drawn in [0, delai_max_s].
        limite_s: a net for a command that hangs, not a measure: a loaded 2-core machine runs a
            build ten times slower than an idle one, and must not fail the test for it.
    """
    k = rng.randint(1, lignes_max)
    delai = rng.uniform(0, delai_max_s)
    # Its own group (start_new_session): worker processes die with it.
    processus, file = lancer(arguments, env, nouvelle_session=True)
    execution = Execution()
    fin = time.monotonic() + limite_s
    while True:
        try:
            ligne = file.get(timeout=max(0.0, fin - time.monotonic()))
        except queue.Empty:
            os.killpg(processus.pid, signal.SIGKILL)
            raise TimeoutError(f"commande sans fin : {arguments}") from None
        if ligne is None:
            break
        execution.lignes.append(ligne)
        if len(execution.lignes) == k:
            time.sleep(delai)  # the kill point itself, drawn at random: not a synchronisation
            if processus.poll() is None:
                os.killpg(processus.pid, signal.SIGKILL)
                execution.tuee = True
            break
    execution.code = processus.wait(timeout=600)
    return execution
