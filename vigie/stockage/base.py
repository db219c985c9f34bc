"""La porte vers DuckDB : ouvrir une base, lire un texte SQL de `sql/`, lancer une requête nommée.

DuckDB admet un seul processus écrivain ou plusieurs lecteurs sur un fichier. L'application et les
lecteurs ouvrent la base construite en lecture seule ; seul `python -m vigie build` l'écrit, dans un
fichier provisoire renommé à la fin. Les requêtes nommées vivent dans `sql/queries/<nom>.sql` et
prennent des paramètres liés (`$code`), jamais des valeurs mises en forme.

Le reste de Vigie n'importe pas `duckdb` : il passe par `ouvrir`, `texte_sql`, `executer` et
reçoit les types `Connexion` et `ErreurBase` d'ici (règle vérifiée par tests/test_architecture.py).
Ce module est aussi le seul lecteur de fichiers `.sql` (`lire_sql`, `fichiers_sql`, `texte_sql`) :
vues, contrôles, schéma, chargement et requêtes passent par lui.
"""

from __future__ import annotations

import os
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


def ouvrir(
    chemin: Path | str, *, lecture_seule: bool = False, config: dict | None = None
) -> Connexion:
    """Ouvre le fichier DuckDB `chemin` (ou `:memory:`) tel quel, sans contrôle d'intégrité."""
    return duckdb.connect(str(chemin), read_only=lecture_seule, config=config or {})


def lire_sql(chemin: Path | str) -> str:
    """Le texte d'un fichier `.sql`, lu en UTF-8 : le seul lecteur de fichiers SQL de Vigie.

    Sans cache, pour les fichiers qu'un analyste modifie pendant que l'application tourne
    (`sql/views/`, `sql/checks/`) ; `texte_sql` le met en cache pour les fichiers livrés.

    Raises:
        UnicodeDecodeError: le fichier n'est pas en UTF-8 (l'appelant le dit à l'analyste).
        OSError: le fichier est illisible ou absent.
    """
    return Path(chemin).read_text(encoding="utf-8")


def entrees_sql(dossier: Path | str) -> list[os.DirEntry]:
    """Les fichiers `*.sql` d'un dossier (hors fichiers cachés), triés par nom (l'ordre
    d'application du schéma), en un seul parcours du dossier : chaque entrée garde son `stat`
    (la signature des vues, calculée à chaque requête des pages, s'en sert)."""
    if not os.path.isdir(dossier):
        return []  # comme `glob` : un dossier absent n'a pas de fichier
    with os.scandir(dossier) as entrees:
        choisies = [
            e
            for e in entrees
            if e.name.endswith(".sql") and not e.name.startswith(".") and e.is_file()
        ]
    return sorted(choisies, key=lambda e: e.name)


def fichiers_sql(dossier: Path | str) -> list[Path]:
    """Les chemins des fichiers de :func:`entrees_sql`."""
    return [Path(e.path) for e in entrees_sql(dossier)]


def noms_sql(dossier: str) -> list[str]:
    """Les noms pour `texte_sql` des fichiers de `sql/<dossier>/`, triés (`["schema/00_x", ...]`)."""
    return [f"{dossier}/{p.stem}" for p in fichiers_sql(chemins.DOSSIER_SQL / dossier)]


@cache
def texte_sql(nom: str) -> str:
    """Le texte du fichier `sql/<nom>.sql` (par exemple `utilisateur/schema`, `load/commune`).

    Les noms viennent du code, jamais de l'utilisateur.

    Raises:
        KeyError: aucun fichier de ce nom (le message dit où il était attendu).
    """
    chemin = chemins.DOSSIER_SQL / f"{nom}.sql"
    if not chemin.is_file():
        raise KeyError(f"Fichier SQL inconnu : {nom} (attendu dans {chemin})")
    return lire_sql(chemin)


def executer(con: Connexion, nom: str, /, **parametres) -> Connexion:
    """Exécute le fichier `sql/<nom>.sql` avec des paramètres liés ; rend la connexion (pour `.df()`,
    `.fetchall()`)."""
    return con.execute(texte_sql(nom), parametres or None)


class BaseIntrouvable(RuntimeError):
    """Le fichier de la base n'existe pas encore : lancer `python -m vigie build`."""


class BaseCorrompue(BaseIntrouvable):
    """Le fichier de la base existe mais est abîmé (tronqué, pas DuckDB, bloc illisible)."""


def connecter(chemin: Path | None = None, lecture_seule: bool = True) -> Connexion:
    """Ouvre la base construite (en lecture seule par défaut), après un contrôle d'intégrité rapide.

    Raises:
        BaseIntrouvable: le fichier manque ; le message donne la commande qui le construit.
        BaseCorrompue: le fichier est abîmé ; le message dit comment le reconstruire.
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
    except duckdb.Error as erreur:  # un fichier abîmé ou qui n'est pas une base DuckDB
        raise BaseCorrompue(
            f"La base {chemin} ne peut pas être ouverte ({str(erreur).splitlines()[0]}). "
            + integrite.conseil(chemin)
        ) from erreur


def texte_requete(nom: str) -> str:
    """Le texte de la requête nommée `sql/queries/<nom>.sql` (les noms viennent du code)."""
    return texte_sql(f"queries/{nom}")


def requete(con: Connexion, nom: str, /, **parametres) -> pd.DataFrame:
    """Lance la requête nommée `sql/queries/<nom>.sql` avec des paramètres liés ; rend un DataFrame."""
    return executer(con, f"queries/{nom}", **parametres).df()
