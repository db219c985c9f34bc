"""Where things live on disk: repository folders, the built database, the user's own database.

Every path comes from this file's location, never from the working directory, so the app and the
command line behave the same wherever they are started from. Environment variables let tests and
the batch commands point at another database.
"""

from __future__ import annotations

import os
from pathlib import Path

RACINE = Path(__file__).resolve().parent.parent
DOSSIER_SQL = RACINE / "sql"
DOSSIER_SCHEMA = DOSSIER_SQL / "schema"
DOSSIER_VUES = DOSSIER_SQL / "views"
DOSSIER_CHARGEMENT = DOSSIER_SQL / "load"
DOSSIER_REQUETES = DOSSIER_SQL / "queries"
DOSSIER_DONNEES = RACINE / "data"
DOSSIER_DEMO = DOSSIER_DONNEES / "demo"
DOSSIER_REFERENCE = DOSSIER_DONNEES / "reference"


def chemin_base() -> Path:
    """The database built from sources (replaced by every `python -m vigie build`)."""
    return Path(os.environ.get("VIGIE_BASE", DOSSIER_DONNEES / "vigie.duckdb"))


def chemin_base_utilisateur() -> Path:
    """The user's own database (scenarios, territories, settings): a rebuild never touches it."""
    defaut = DOSSIER_DONNEES / "utilisateur" / "vigie_utilisateur.duckdb"
    return Path(os.environ.get("VIGIE_BASE_UTILISATEUR", defaut))


def chemin_previsions() -> Path:
    """The usage forecasts, written by `python -m vigie forecast` beside the database."""
    defaut = chemin_base().with_name("previsions.duckdb")
    return Path(os.environ.get("VIGIE_PREVISIONS", defaut))
