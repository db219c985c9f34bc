"""The user's own database: what the user creates (changed ratios, chosen methods) and keeps.

It is a small DuckDB file apart from the built database (`chemins.chemin_base_utilisateur()`):
`python -m vigie build` never opens it, so a rebuild keeps every setting. DuckDB lets one process
write a file at a time, and the app may run in several processes (or a command may be running):
the file is therefore opened only for the duration of one read or one save, and an opening that
finds the file locked is retried (random waits, so that two programs retrying do not collide again
in step) for about ten seconds before giving up with a French message. Inside one process (the
app's sessions are threads) the openings are taken in turn under a lock, since DuckDB refuses two
connections to one file with different read-only settings in the same process.
Reading a file that does not exist yet returns empty tables (nothing is created by a read).
"""

from __future__ import annotations

import random
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

import duckdb
import pandas as pd

from vigie import chemins

DOSSIER_SQL_UTILISATEUR = chemins.DOSSIER_SQL / "utilisateur"
TENTATIVES = 60
ATTENTE_S = 0.15  # mean wait between two attempts (random, 0.5 to 1.5 ×): about 9 s at most
_VERROU_PROCESSUS = threading.RLock()


class BaseUtilisateurOccupee(RuntimeError):
    """The user's database stayed locked by another program; nothing was written."""


@cache
def texte(nom: str) -> str:
    """The SQL text of `sql/utilisateur/<nom>.sql` (names come from code, not from users)."""
    chemin = DOSSIER_SQL_UTILISATEUR / f"{nom}.sql"
    if not chemin.is_file():
        raise KeyError(f"Instruction inconnue : {nom} (attendue dans {chemin})")
    return chemin.read_text(encoding="utf-8")


def _verrouillee(erreur: duckdb.Error) -> bool:
    message = str(erreur).lower()
    return "lock" in message or "verrou" in message or "being used" in message


@contextmanager
def ouvrir(
    ecriture: bool = False, chemin: Path | None = None
) -> Iterator[duckdb.DuckDBPyConnection]:
    """A connection to the user's database for one operation, closed at the end.

    For writing, the file (and its folder) is created when missing, the schema applied, and the
    whole block runs in one transaction (all or nothing). For reading, a missing file gives an
    empty in-memory database with the same tables.

    Raises:
        BaseUtilisateurOccupee: the file stayed locked by another process for ~9 s.
    """
    with _VERROU_PROCESSUS:
        with _ouvrir(ecriture, chemin) as con:
            yield con


@contextmanager
def _ouvrir(ecriture: bool, chemin: Path | None) -> Iterator[duckdb.DuckDBPyConnection]:
    chemin = Path(chemin or chemins.chemin_base_utilisateur())
    if not ecriture and not chemin.exists():
        con = duckdb.connect()
        try:
            con.execute(texte("schema"))
            yield con
        finally:
            con.close()
        return
    if ecriture:
        chemin.parent.mkdir(parents=True, exist_ok=True)
    derniere: duckdb.Error | None = None
    for _ in range(TENTATIVES):
        try:
            con = duckdb.connect(str(chemin), read_only=not ecriture)
            break
        except (duckdb.IOException, duckdb.ConnectionException) as erreur:
            if not _verrouillee(erreur):
                raise
            derniere = erreur
            time.sleep(ATTENTE_S * random.uniform(0.5, 1.5))
    else:
        raise BaseUtilisateurOccupee(
            f"La base de vos réglages ({chemin}) est occupée par un autre programme (une autre "
            "fenêtre de Vigie ou une commande en cours). Réessayez dans quelques secondes ; rien "
            f"n'a été enregistré. Détail : {str(derniere).splitlines()[0]}"
        )
    try:
        if ecriture:
            con.execute(texte("schema"))
            con.execute("begin transaction")
            try:
                yield con
            except BaseException:
                con.execute("rollback")
                raise
            con.execute("commit")
        else:
            yield con
    finally:
        con.close()


def lire(nom: str, chemin: Path | None = None, **parametres) -> pd.DataFrame:
    """Run the read statement `sql/utilisateur/<nom>.sql` and return its rows.

    A file written by an earlier version of Vigie may lack a table added since: it is then brought
    up to date (the schema only adds missing tables) and the read done again.
    """
    try:
        with ouvrir(ecriture=False, chemin=chemin) as con:
            return con.execute(texte(nom), parametres or None).df()
    except duckdb.CatalogException:
        with ouvrir(ecriture=True, chemin=chemin):
            pass
        with ouvrir(ecriture=False, chemin=chemin) as con:
            return con.execute(texte(nom), parametres or None).df()


def version(chemin: Path | None = None) -> int:
    """Changes when the user's database is written (its modification time; 0 when absent)."""
    chemin = Path(chemin or chemins.chemin_base_utilisateur())
    try:
        return chemin.stat().st_mtime_ns
    except FileNotFoundError:
        return 0
