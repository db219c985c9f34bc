"""Connections to the DuckDB store and named queries.

DuckDB allows one writing process or many readers on a file. The app and the readers open the built
database read-only; only `python -m vigie build` writes it, into a temporary file renamed at the
end. Named queries live in `sql/queries/<nom>.sql` and take bound parameters (`$code`), never
formatted values.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import duckdb
import pandas as pd

from vigie import chemins
from vigie.stockage import integrite


class BaseIntrouvable(RuntimeError):
    """The database file does not exist yet: run `python -m vigie build`."""


class BaseCorrompue(BaseIntrouvable):
    """The database file exists but is damaged (truncated, not DuckDB, unreadable block)."""


def connecter(chemin: Path | None = None, lecture_seule: bool = True) -> duckdb.DuckDBPyConnection:
    """Open the built database (read-only by default).

    Raises:
        BaseIntrouvable: when the file is missing, with the command that builds it.
    """
    chemin = Path(chemin or chemins.chemin_base())
    if lecture_seule and not chemin.exists():
        raise BaseIntrouvable(
            f"La base {chemin} n'existe pas encore. Lancez « python -m vigie build » pour la créer."
        )
    if lecture_seule and (probleme := integrite.diagnostiquer(chemin)):
        raise BaseCorrompue(probleme)
    try:
        return duckdb.connect(str(chemin), read_only=lecture_seule)
    except duckdb.Error as erreur:  # a corrupt or foreign file
        raise BaseCorrompue(
            f"La base {chemin} ne peut pas être ouverte ({str(erreur).splitlines()[0]}). "
            + integrite.conseil(chemin)
        ) from erreur


@cache
def texte_requete(nom: str) -> str:
    """The SQL text of the named query `sql/queries/<nom>.sql` (names come from code, not users)."""
    chemin = chemins.DOSSIER_REQUETES / f"{nom}.sql"
    if not chemin.is_file():
        raise KeyError(f"Requête inconnue : {nom} (attendue dans {chemin})")
    return chemin.read_text(encoding="utf-8")


def requete(con: duckdb.DuckDBPyConnection, nom: str, **parametres) -> pd.DataFrame:
    """Run the named query with bound parameters and return a DataFrame."""
    return con.execute(texte_requete(nom), parametres or None).df()
