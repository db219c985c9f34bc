"""Is a database file whole? And what is left behind by a process killed while writing one.

Owns two things:

- `diagnostiquer(chemin, complet)`: a French message when a DuckDB file (the built database, the
  forecasts file) is damaged — not a DuckDB file, truncated (shorter than the blocks its catalogue uses), unreadable block (checksum) — or None when it is whole. The quick form reads the
  header and opens the file (milliseconds: the app runs it for each new version of the file); the
  complete form (`python -m vigie check`) also reads every row of every table, so a corrupt block
  anywhere is found. The way back is always the same: rebuild (`python -m vigie build` or the
  app's button), which never touches the user's database or imported files, and replays them.
- `nettoyer_provisoires(cible)`: deletes the temporary files `<cible>.tmp-<pid>` (and
  `.tmp-import-<pid>`, `.wal`) whose process no longer runs — what a SIGKILL during a build, an
  import or a forecast batch leaves behind. Files of a live process are left alone.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import duckdb

from vigie.format_fr import nombre

ENTETE = 4096  # DuckDB: a main header then two database headers of 4 KiB each
_MOTIF_PID = re.compile(r"\.tmp-(?:[a-z]+-)?(\d+)(?:\.wal)?$")


def conseil(chemin: Path) -> str:
    """What to do about a damaged file (the same words in the app and the commands)."""
    return (
        "Reconstruisez-la : bouton « Reconstruire la base » de l'application ou commande "
        "« python -m vigie build ». Vos réglages et vos fichiers importés sont gardés à part : "
        "la reconstruction les conserve et les rejoue."
    )


def diagnostiquer(chemin: Path, complet: bool = False) -> str | None:
    """A French message naming what is wrong with the database file, or None when it is whole.

    A missing file is not "damaged" (None): the caller builds it.
    """
    chemin = Path(chemin)
    if not chemin.exists():
        return None
    debut = f"La base {chemin} est endommagée"
    taille = chemin.stat().st_size
    with open(chemin, "rb") as f:
        signature = f.read(12)[8:12]
    if taille < 3 * ENTETE or signature != b"DUCK":
        return (
            f"{debut} : ce n'est pas un fichier de base DuckDB ({taille} octets). {conseil(chemin)}"
        )
    try:
        con = duckdb.connect(str(chemin), read_only=True)
    except duckdb.Error as erreur:
        if "lock" in str(erreur).lower():
            return None  # being written by a build: not damaged
        quoi = "fichier tronqué ou " if "enough bytes" in str(erreur) else ""
        return (
            f"{debut} : {quoi}ouverture impossible ({str(erreur).splitlines()[0]}). "
            f"{conseil(chemin)}"
        )
    try:
        # Every block in use must lie inside the file: a file shorter than its used blocks has
        # lost some (free blocks may be missing at the end without harm).
        _, _, taille_bloc, _, utilises, *_ = con.execute("pragma database_size").fetchone()
        minimale = 3 * ENTETE + int(utilises) * int(taille_bloc)
        if taille < minimale:
            return (
                f"{debut} : fichier tronqué ({nombre(taille)} octets, au moins "
                f"{nombre(minimale)} attendus ; une copie ou une écriture interrompue ?). "
                f"{conseil(chemin)}"
            )
        tables = [
            t
            for (t,) in con.execute(
                "select table_name from duckdb_tables() where not internal order by table_name"
            ).fetchall()
        ]
        if complet:
            for table in tables:  # names from the catalogue itself, quoted
                try:
                    # hashing whole rows forces every column block to be read and checksummed
                    con.execute(f'select count(*), max(hash(t)) from "{table}" as t').fetchall()
                except duckdb.Error as erreur:
                    return (
                        f"{debut} : la table {table} est illisible "
                        f"({str(erreur).splitlines()[0]}). {conseil(chemin)}"
                    )
    except duckdb.Error as erreur:
        return f"{debut} : catalogue illisible ({str(erreur).splitlines()[0]}). {conseil(chemin)}"
    finally:
        con.close()
    return None


def _processus_vivant(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's live process
    return True


def nettoyer_provisoires(cible: Path) -> list[Path]:
    """Delete `<cible>.tmp-[quoi-]<pid>[.wal]` files left by dead processes; return them."""
    cible = Path(cible)
    supprimes = []
    if not cible.parent.is_dir():
        return supprimes
    for reste in cible.parent.glob(f"{cible.name}.tmp-*"):
        trouve = _MOTIF_PID.search(reste.name)
        if trouve is None or _processus_vivant(int(trouve.group(1))):
            continue
        try:
            reste.unlink()
            supprimes.append(reste)
        except FileNotFoundError:
            pass
    return supprimes
