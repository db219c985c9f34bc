"""The app's one connection per process, and the first-start build.

DuckDB takes one writer or many readers per file: the app only reads, through an in-memory
catalogue over the built database (see `vigie.stockage.lecture`), opened once per process and handed out as
one cursor per rerun.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import streamlit as st

from vigie import chemins
from vigie.alimentation import construction
from vigie.stockage import integrite, lecture
from vigie.stockage.base import BaseCorrompue


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


@st.cache_data(show_spinner=False, max_entries=8)
def _diagnostic(chemin: str, version: int, taille: int) -> str | None:
    # Keyed by the file's modification time and size: checked once per version of the file.
    return integrite.diagnostiquer(Path(chemin))


def est_corruption(erreur: BaseException) -> bool:
    """Whether an error met while reading comes from a damaged database file."""
    if isinstance(erreur, BaseCorrompue):
        return True
    message = str(erreur).lower()
    return isinstance(erreur, duckdb.Error) and any(
        mot in message
        for mot in ("corrupt", "checksum", "could not read enough bytes", "not a valid duckdb")
    )


def message_corruption(erreur: BaseException) -> str:
    """The French message for a damaged-file error met while reading."""
    if isinstance(erreur, BaseCorrompue):
        return str(erreur)
    chemin = chemins.chemin_base()
    return f"La base {chemin} est endommagée : {str(erreur).splitlines()[0]}. " + integrite.conseil(
        chemin
    )


def afficher_base_endommagee(message: str) -> None:
    """The French message of a damaged database and the way back: a rebuild that keeps the
    user's settings and imported files (they live apart and are replayed)."""
    st.error(message, icon=":material/report:")
    st.write(
        "La reconstruction refait la base à partir des fichiers livrés et de vos fichiers "
        "importés ; vos réglages (ratios modifiés, méthodes choisies, territoires) ne sont pas "
        "touchés. Elle prend de quelques secondes à quelques minutes selon la taille du territoire."
    )
    if st.button("Reconstruire la base", type="primary", key="integrite_reconstruire"):
        with st.status("Reconstruction de la base…", expanded=True) as etat:
            barre = st.progress(0.0)

            def avancer(texte: str, fraction: float) -> None:
                barre.progress(min(max(fraction, 0.0), 1.0), text=texte)

            try:
                construction.construire(progression=avancer)
            except construction.ErreurConstruction as erreur:
                etat.update(label="La reconstruction a échoué", state="error")
                st.error(str(erreur))
                st.stop()
            etat.update(label="Base reconstruite", state="complete", expanded=False)
        st.cache_data.clear()
        st.cache_resource.clear()
        st.rerun()
    st.stop()


def verifier_base() -> None:
    """Stop the page with a French message and a rebuild button when the database is damaged
    (truncated, not a database, unreadable): never a traceback."""
    chemin = chemins.chemin_base()
    try:
        etat = chemin.stat()
    except FileNotFoundError:
        return
    probleme = _diagnostic(str(chemin), etat.st_mtime_ns, etat.st_size)
    if probleme:
        afficher_base_endommagee(probleme)


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
    # A cursor of its own: the shared connection may be busy in another session's thread
    # (DuckDB refuses a second call on a busy connection: found by bench/bench_charge.py).
    curseur = catalogue().con.cursor()
    try:
        return lecture.previsions_attachees(curseur)
    finally:
        curseur.close()


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
