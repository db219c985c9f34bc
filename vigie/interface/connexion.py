"""The app's one connection per process, and the first-start build.

DuckDB takes one writer or many readers per file: the app only reads, through an in-memory
catalogue over the built database (see `vigie.lecture`), opened once per process and handed out as
one cursor per rerun.
"""

from __future__ import annotations

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


@st.cache_resource(show_spinner=False)
def _catalogue(chemin: str, version: int) -> lecture.Catalogue:
    # `version` (the file's modification time) makes a rebuilt database reopen.
    return lecture.Catalogue(chemin=Path(chemin))


def catalogue() -> lecture.Catalogue:
    """The process-wide catalogue over the current database file."""
    chemin = chemins.chemin_base()
    return _catalogue(str(chemin), chemin.stat().st_mtime_ns)


def version_donnees() -> tuple:
    """Changes whenever the database is rebuilt or a view file changes: part of every cache key."""
    chemin = chemins.chemin_base()
    return (str(chemin), chemin.stat().st_mtime_ns, lecture.signature_vues())
