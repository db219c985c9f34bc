"""The app's one connection per process, and the first-start build.

DuckDB takes one writer or many readers per file: the app only reads, through an in-memory
catalogue over the built database (see `vigie.lecture`), opened once per process and handed out as
one cursor per rerun.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import streamlit as st

from vigie import chemins, construction, lecture


def construire_si_absente() -> None:
    """Build the database on first start, showing progress; a no-op when it exists."""
    if chemins.chemin_base().exists():
        return
    with st.status(
        "Première ouverture : construction de la base de données…", expanded=True
    ) as etat:
        barre = st.progress(0.0)

        def avancer(message: str, fraction: float) -> None:
            barre.progress(min(max(fraction, 0.0), 1.0), text=message)

        try:
            construction.construire(progression=avancer)
        except construction.ErreurConstruction as erreur:
            etat.update(label="La construction de la base a échoué", state="error")
            st.error(str(erreur))
            st.stop()
        etat.update(label="Base construite", state="complete", expanded=False)
    # The usage forecasts take a minute or two: computed aside, shown when ready.
    lancer_previsions_en_arriere_plan()


def _date_fichier(chemin: Path) -> int:
    return chemin.stat().st_mtime_ns if chemin.exists() else 0


@st.cache_resource(show_spinner=False, max_entries=2)
def _catalogue(chemin: str, version: int, version_previsions: int) -> lecture.Catalogue:
    # The versions (files' modification times) make a rebuilt database or new forecasts reopen.
    return lecture.Catalogue(chemin=Path(chemin))


def catalogue() -> lecture.Catalogue:
    """The process-wide catalogue over the current database and forecasts files."""
    chemin = chemins.chemin_base()
    return _catalogue(
        str(chemin), chemin.stat().st_mtime_ns, _date_fichier(chemins.chemin_previsions())
    )


def version_donnees() -> tuple:
    """Changes whenever the database is rebuilt, forecasts are recomputed or a view file changes:
    part of every cache key."""
    chemin = chemins.chemin_base()
    return (
        str(chemin),
        chemin.stat().st_mtime_ns,
        _date_fichier(chemins.chemin_previsions()),
        lecture.signature_vues(),
    )


def previsions_disponibles() -> bool:
    """Whether the usage forecasts have been computed (`python -m vigie forecast`)."""
    return lecture.previsions_attachees(catalogue().con)


def _temoin_previsions() -> Path:
    sortie = chemins.chemin_previsions()
    return sortie.with_name(sortie.name + ".encours")


def previsions_en_cours() -> bool:
    """Whether a forecast batch started by the app is still running (less than an hour old)."""
    temoin = _temoin_previsions()
    return temoin.exists() and time.time() - temoin.stat().st_mtime < 3600


def lancer_previsions_en_arriere_plan() -> bool:
    """Start the forecast batch in a separate process if no forecasts exist and none is running.

    The batch writes its own file (renamed at the end), so the app keeps working meanwhile.
    Returns True when a batch is running.
    """
    sortie = chemins.chemin_previsions()
    if sortie.exists():
        return False
    temoin = _temoin_previsions()
    if previsions_en_cours():
        return True
    temoin.write_text(str(os.getpid()), encoding="utf-8")
    journal = open(sortie.with_name("previsions.log"), "w", encoding="utf-8")  # noqa: SIM115
    subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import pathlib, sys; from vigie.cli import principal; "
            f"code = principal(['forecast']); pathlib.Path({str(temoin)!r}).unlink(missing_ok=True); "
            "sys.exit(code)",
        ],
        cwd=chemins.RACINE,
        stdout=journal,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    return True
