"""Tuer une vraie commande Vigie à un moment tiré au hasard (SIGKILL, sans occasion de faire le
ménage), puis laisser le test examiner ce qui reste sur le disque.

Un moment est « après la k-ième ligne écrite par la commande, plus un délai aléatoire » : les
commandes écrivent une ligne par étape (`[ 47%] Chargement de population.parquet`, `[3/20] S07`,
`ok 12`), si bien qu'un k aléatoire à graine répartit les arrêts sur toutes les étapes, et que le
délai les fait tomber au milieu d'une étape. Toute commande qui écrit sa progression peut être
testée ainsi (construction, import, prévision, une boucle d'enregistrements de l'utilisateur).
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
    """Ce qu'une commande tuée a écrit, et si l'arrêt est tombé avant sa fin."""

    lignes: list[str] = field(default_factory=list)
    tuee: bool = False
    code: int | None = None


def lancer(
    arguments: list[str], env: dict[str, str], nouvelle_session: bool = False
) -> tuple[subprocess.Popen, queue.Queue[str | None]]:
    """Lancer `python <arguments>` avec `env` par-dessus cet environnement ; sa sortie (stdout et
    stderr) arrive ligne par ligne dans la file, puis None quand elle se termine."""
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
    """Lancer `python <arguments>` ; tuer (SIGKILL) son groupe de processus à un moment aléatoire.

    Args:
        arguments: après l'interpréteur, p. ex. `["-m", "vigie", "build", "--base", "x"]`.
        env: l'environnement (VIGIE_BASE...).
        rng: générateur à graine : le moment de l'arrêt est reproductible.
        lignes_max: l'arrêt vient après la ligne k, k tiré dans 1..lignes_max.
        delai_max_s: puis après un délai tiré dans [0, delai_max_s].
        limite_s: un filet pour une commande qui reste bloquée, pas une mesure : une machine à
            2 cœurs chargée fait une construction dix fois plus lentement qu'une machine au repos,
            et le test ne doit pas échouer pour autant.
    """
    k = rng.randint(1, lignes_max)
    delai = rng.uniform(0, delai_max_s)
    # Son propre groupe (start_new_session) : les processus de travail meurent avec elle.
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
            time.sleep(delai)  # le moment même de l'arrêt, tiré au hasard : pas une synchronisation
            if processus.poll() is None:
                os.killpg(processus.pid, signal.SIGKILL)
                execution.tuee = True
            break
    execution.code = processus.wait(timeout=600)
    return execution
