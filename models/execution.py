"""Where a batch runs: in this process, in local processes, or on a Dask cluster — one interface.

The forecast batch (`models.prevision.prevoir_lot`, behind `python -m vigie forecast`) and the
projection batch by blocks of communes (`models.projection.lot`) hand their tasks to an
`Executeur`: `appliquer(fonction, taches, rappel)` returns `fonction(t)` for every task, in the
order of the tasks, calling `rappel(indice, faites, total)` as each one finishes (`indice`: its position). The same code path runs

- `ExecuteurLocal`: in the current process (tests, one series);
- `ExecuteurProcessus`: a pool of local processes (`spawn`, one BLAS thread each);
- `ExecuteurDask`: Dask distributed — a `LocalCluster` of local processes, or a real cluster whose
  scheduler address is given (`tcp://hote:8786`). The workers must have the same Python
  environment and the `vigie`/`models` packages importable (install the project on each node).

The functions and tasks must be picklable (module-level functions, plain data). Nothing here
imports duckdb or streamlit: a worker only needs `models/` and its dependencies.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from contextlib import contextmanager
from multiprocessing import get_context
from typing import Any, Protocol

MODES = ("local", "processus", "dask")

#: Linear algebra libraries limited to one thread per worker process: the matrices are small and
#: several threads per process fight for the cores (measured on the forecasts: 2 processes × 2
#: threads twice slower than one process on 2 cores).
_FILS_BLAS = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")

Rappel = Callable[[int, int, int], None]  # (index of the finished task, done, total)


class ErreurExecution(RuntimeError):
    """An executor that cannot start (unknown mode, Dask missing, cluster unreachable)."""


@contextmanager
def blas_un_fil() -> Iterator[None]:
    """Processes created in this block use one BLAS thread (unless the user set otherwise)."""
    avant = {k: os.environ.get(k) for k in _FILS_BLAS}
    for k in _FILS_BLAS:
        os.environ.setdefault(k, "1")
    try:
        yield
    finally:
        for k, v in avant.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


class Executeur(Protocol):
    """Runs independent tasks and returns their results in task order."""

    nom: str
    travailleurs: int

    def appliquer(
        self, fonction: Callable[[Any], Any], taches: Sequence[Any], rappel: Rappel | None = None
    ) -> list[Any]: ...

    def fermer(self) -> None: ...


class ExecuteurLocal:
    """Every task in the current process, one after the other."""

    nom = "local"
    travailleurs = 1

    def appliquer(self, fonction, taches, rappel=None):
        resultats = []
        for i, t in enumerate(taches):
            resultats.append(fonction(t))
            if rappel:
                rappel(i, len(resultats), len(taches))
        return resultats

    def fermer(self) -> None:
        pass


class ExecuteurProcessus:
    """A pool of local processes (started once, reused across `appliquer` calls)."""

    nom = "processus"

    def __init__(self, travailleurs: int | None = None) -> None:
        self.travailleurs = travailleurs or os.cpu_count() or 1
        self._pool: ProcessPoolExecutor | None = None

    def _demarrer(self) -> ProcessPoolExecutor:
        if self._pool is None:
            with blas_un_fil():  # spawned children read the environment at start
                self._pool = ProcessPoolExecutor(
                    max_workers=self.travailleurs, mp_context=get_context("spawn")
                )
        return self._pool

    def appliquer(self, fonction, taches, rappel=None):
        if not taches:
            return []
        pool = self._demarrer()
        futurs = {pool.submit(fonction, t): i for i, t in enumerate(taches)}
        resultats: list[Any] = [None] * len(taches)
        faites = 0
        for fut in as_completed(futurs):
            resultats[futurs[fut]] = fut.result()
            faites += 1
            if rappel:
                rappel(futurs[fut], faites, len(taches))
        return resultats

    def fermer(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None


class ExecuteurDask:
    """Dask distributed: a LocalCluster of `travailleurs` processes, or the cluster at `adresse`."""

    nom = "dask"

    def __init__(self, travailleurs: int | None = None, adresse: str | None = None) -> None:
        try:
            from dask.distributed import Client, LocalCluster
        except ImportError as erreur:  # pragma: no cover - dask is in requirements.txt
            raise ErreurExecution(
                "Dask n'est pas installé : « pip install -r requirements.txt » (dask[distributed])."
            ) from erreur
        self.adresse = adresse
        self._cluster = None
        try:
            if adresse:
                self._client = Client(adresse, timeout="20s")
            else:
                with blas_un_fil():
                    self._cluster = LocalCluster(
                        n_workers=travailleurs or os.cpu_count() or 1,
                        threads_per_worker=1,  # statsmodels/numpy tasks hold the GIL
                        processes=True,
                        dashboard_address=None,  # no web server: nothing listens but the scheduler
                        host="127.0.0.1",
                    )
                self._client = Client(self._cluster)
        except OSError as erreur:
            raise ErreurExecution(
                f"Cluster Dask injoignable à l'adresse {adresse!r} : {erreur}. Vérifiez l'adresse "
                "du planificateur (tcp://hote:8786) et que les nœuds ont le même environnement."
            ) from erreur
        self.travailleurs = max(1, sum(self._client.nthreads().values()))

    def appliquer(self, fonction, taches, rappel=None):
        from dask.distributed import as_completed as termines

        if not taches:
            return []
        # tasks carry their data (series, a block's tables): sent to the workers once, up front
        donnees = self._client.scatter(list(taches))
        futurs = self._client.map(fonction, donnees, pure=False)
        position = {f.key: i for i, f in enumerate(futurs)}
        resultats: list[Any] = [None] * len(taches)
        faites = 0
        for fut in termines(futurs):
            resultats[position[fut.key]] = fut.result()
            faites += 1
            if rappel:
                rappel(position[fut.key], faites, len(taches))
        return resultats

    def fermer(self) -> None:
        self._client.close()
        if self._cluster is not None:
            self._cluster.close()


def _importer(module: str) -> str:
    import importlib

    importlib.import_module(module)
    return module


def prechauffer(ex: Executeur, modules: Sequence[str] = ("models.prevision",)) -> None:
    """Start the workers and import the heavy modules once (a measure then times the work only)."""
    ex.appliquer(_importer, list(modules) * max(1, ex.travailleurs) * 2)


def creer(
    mode: str = "processus", travailleurs: int | None = None, adresse: str | None = None
) -> Executeur:
    """The executor of a mode (`local`, `processus`, `dask`); `adresse` implies Dask."""
    if adresse:
        mode = "dask"
    if mode == "local" or (mode == "processus" and travailleurs == 1):
        return ExecuteurLocal()
    if mode == "processus":
        return ExecuteurProcessus(travailleurs)
    if mode == "dask":
        return ExecuteurDask(travailleurs, adresse)
    raise ErreurExecution(f"Mode d'exécution inconnu : {mode!r} (attendu : {', '.join(MODES)}).")


@contextmanager
def executeur(
    mode: str = "processus", travailleurs: int | None = None, adresse: str | None = None
) -> Iterator[Executeur]:
    """`creer(...)` in a `with` block that always releases the workers."""
    ex = creer(mode, travailleurs, adresse)
    try:
        yield ex
    finally:
        ex.fermer()
