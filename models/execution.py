"""Où tourne un lot : dans ce processus, dans des processus locaux ou sur un cluster Dask — une
seule interface.

Le lot de prévisions (`models.prevision.prevoir_lot`, derrière `python -m vigie forecast`) et le lot
de projection par blocs de communes (`models.projection.lot`) confient leurs tâches à un
`Executeur` : `appliquer(fonction, taches, rappel)` rend `fonction(t)` pour chaque tâche, dans
l'ordre des tâches, en appelant `rappel(indice, faites, total)` à la fin de chacune (`indice` : sa
position). Le même chemin de code sert pour

- `ExecuteurLocal` : dans le processus courant (tests, une série) ;
- `ExecuteurProcessus` : un groupe de processus locaux (`spawn`), un fil BLAS chacun, fixé par
  l'initialiseur de chaque processus (issue 20 : la variable posée seulement à la création du
  groupe n'atteignait pas les processus, démarrés au premier `submit`) ;
- `ExecuteurDask` : Dask distributed — un `LocalCluster` de processus locaux, ou un vrai cluster
  dont on donne l'adresse du planificateur (`tcp://hote:8786`). Les nœuds doivent avoir le même
  environnement Python et les paquets `vigie`/`models` importables.

Fonctions et tâches doivent être sérialisables (fonctions de module, données simples). Rien ici
n'importe duckdb ni streamlit : un nœud n'a besoin que de `models/` et de ses dépendances.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from contextlib import contextmanager
from multiprocessing import get_context
from typing import Any, Protocol

MODES = ("local", "processus", "dask")

#: Bibliothèques d'algèbre linéaire limitées à un fil par processus : les matrices sont petites et
#: plusieurs fils par processus se disputent les cœurs (mesuré, issue 20 : lot de démonstration
#: 239 s avec un second fil BLAS par processus, 31 s avec un seul).
_FILS_BLAS = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")

Rappel = Callable[[int, int, int], None]  # (indice de la tâche finie, faites, total)


class ErreurExecution(RuntimeError):
    """Un exécuteur qui ne peut pas démarrer (mode inconnu, Dask absent, cluster injoignable)."""


def reglage_blas() -> dict[str, str]:
    """Les variables de fils BLAS à donner aux processus : « 1 », sauf réglage de l'utilisateur."""
    return {k: os.environ.get(k) or "1" for k in _FILS_BLAS}


def initialiser_travailleur(variables: dict[str, str]) -> None:
    """Initialiseur de chaque processus du groupe : pose les variables de fils BLAS.

    Appelé dans le processus fils avant sa première tâche, donc avant que numpy (importé par la
    tâche) ne démarre sa bibliothèque BLAS, qui lit ces variables à son chargement.
    """
    os.environ.update(variables)
    # Le processus « spawn » réimporte le programme principal avant l'initialiseur : si celui-ci
    # importe numpy (c'est le cas de `python -m vigie forecast`), BLAS a déjà lu ses variables.
    # threadpoolctl règle alors la bibliothèque déjà chargée.
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:  # pragma: no cover - les variables, posées aussi au démarrage, suffisent
        return
    fils = variables.get("OPENBLAS_NUM_THREADS") or variables.get("OMP_NUM_THREADS")
    if fils and fils.isdigit():
        threadpool_limits(limits=int(fils))


@contextmanager
def blas_un_fil() -> Iterator[None]:
    """Les processus créés dans ce bloc ont un fil BLAS (sauf réglage contraire de l'utilisateur)."""
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
    """Exécute des tâches indépendantes et rend leurs résultats dans l'ordre des tâches."""

    nom: str
    travailleurs: int

    def appliquer(
        self, fonction: Callable[[Any], Any], taches: Sequence[Any], rappel: Rappel | None = None
    ) -> list[Any]: ...

    def fermer(self) -> None: ...


class ExecuteurLocal:
    """Toutes les tâches dans le processus courant, l'une après l'autre."""

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
    """Un groupe de processus locaux (démarré une fois, réutilisé d'un `appliquer` à l'autre)."""

    nom = "processus"

    def __init__(self, travailleurs: int | None = None) -> None:
        self.travailleurs = travailleurs or os.cpu_count() or 1
        self._pool: ProcessPoolExecutor | None = None

    def _demarrer(self) -> ProcessPoolExecutor:
        if self._pool is None:
            # Les processus démarrent au premier `submit`, pas ici : le réglage passe donc par
            # l'initialiseur, exécuté dans chaque processus avant sa première tâche.
            self._pool = ProcessPoolExecutor(
                max_workers=self.travailleurs,
                mp_context=get_context("spawn"),
                initializer=initialiser_travailleur,
                initargs=(reglage_blas(),),
            )
        return self._pool

    def appliquer(self, fonction, taches, rappel=None):
        if not taches:
            return []
        pool = self._demarrer()
        # Les processus naissent pendant ces `submit` et héritent de l'environnement : les
        # variables BLAS y sont posées, lues par BLAS dès son chargement dans le processus.
        with blas_un_fil():
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
    """Dask distributed : un LocalCluster de `travailleurs` processus, ou le cluster à `adresse`."""

    nom = "dask"

    def __init__(self, travailleurs: int | None = None, adresse: str | None = None) -> None:
        try:
            from dask.distributed import Client, LocalCluster
        except ImportError as erreur:  # pragma: no cover - dask est dans requirements.txt
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
                        threads_per_worker=1,  # les tâches statsmodels/numpy tiennent le GIL
                        processes=True,
                        dashboard_address=None,  # pas de serveur web : seul le planificateur écoute
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
        # les tâches portent leurs données (séries, tables d'un bloc) : envoyées une fois, d'avance
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
    """Importe `module` dans le processus qui l'exécute (tâche de `prechauffer`)."""
    importlib.import_module(module)
    return module


def prechauffer(ex: Executeur, modules: Sequence[str] = ("models.prevision",)) -> None:
    """Démarre les processus et importe une fois les modules lourds (une mesure ne chronomètre
    ensuite que le travail)."""
    ex.appliquer(_importer, list(modules) * max(1, ex.travailleurs) * 2)


def creer(
    mode: str = "processus", travailleurs: int | None = None, adresse: str | None = None
) -> Executeur:
    """L'exécuteur d'un mode (`local`, `processus`, `dask`) ; `adresse` implique Dask."""
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
    """`creer(...)` dans un bloc `with` qui libère toujours les processus."""
    ex = creer(mode, travailleurs, adresse)
    try:
        yield ex
    finally:
        ex.fermer()
