"""La porte vers DuckDB : ouvrir une base, lire un texte SQL de `sql/`, lancer une requête nommée.

DuckDB admet un seul processus écrivain ou plusieurs lecteurs sur un fichier. L'application et les
lecteurs ouvrent la base construite en lecture seule ; seul `python -m vigie build` l'écrit, dans un
fichier provisoire renommé à la fin. Les requêtes nommées vivent dans `sql/queries/<nom>.sql` et
prennent des paramètres liés (`$code`), jamais des valeurs mises en forme.

Le reste de Vigie n'importe pas `duckdb` : il passe par `ouvrir`, `texte_sql`, `executer` et
reçoit les types `Connexion` et `ErreurBase` d'ici (règle vérifiée par tests/test_architecture.py).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import duckdb
import pandas as pd

from vigie import chemins
from vigie.stockage import integrite

Connexion = duckdb.DuckDBPyConnection
"""Une connexion DuckDB ouverte (le type, pour les annotations hors de `vigie/stockage`)."""
ErreurBase = duckdb.Error
"""Toute erreur levée par DuckDB (pour les `except` hors de `vigie/stockage`)."""


def ouvrir(chemin: Path | str, *, lecture_seule: bool = False, config: dict | None = None) -> Connexion:
    """Ouvre le fichier DuckDB `chemin` (ou `:memory:`) tel quel, sans contrôle d'intégrité."""
    return duckdb.connect(str(chemin), read_only=lecture_seule, config=config or {})


@cache
def texte_sql(nom: str) -> str:
    """Le texte du fichier `sql/<nom>.sql` (par exemple `utilisateur/schema`, `load/commune`).

    Les noms viennent du code, jamais de l'utilisateur.
    """
    chemin = chemins.DOSSIER_SQL / f"{nom}.sql"
    if not chemin.is_file():
        raise KeyError(f"Fichier SQL inconnu : {nom} (attendu dans {chemin})")
    return chemin.read_text(encoding="utf-8")


def executer(con: Connexion, nom: str, **parametres) -> Connexion:
    """Exécute le fichier `sql/<nom>.sql` avec des paramètres liés ; rend la connexion (pour `.df()`,
    `.fetchall()`)."""
    return con.execute(texte_sql(nom), parametres or None)


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
    """Le texte de la requête nommée `sql/queries/<nom>.sql` (les noms viennent du code)."""
    chemin = chemins.DOSSIER_REQUETES / f"{nom}.sql"
    if not chemin.is_file():
        raise KeyError(f"Requête inconnue : {nom} (attendue dans {chemin})")
    return chemin.read_text(encoding="utf-8")


def requete(con: duckdb.DuckDBPyConnection, nom: str, **parametres) -> pd.DataFrame:
    """Run the named query with bound parameters and return a DataFrame."""
    return con.execute(texte_requete(nom), parametres or None).df()
