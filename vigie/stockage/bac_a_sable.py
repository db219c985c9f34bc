"""The SQL explorer's sandbox: an analyst's free query, run so that it can neither change nor leak
anything, nor hold the machine.

Superset's SQL Lab and Metabase's native queries run free SQL on the app's own connection. Here the
free query runs on a connection of its own, set up like this (DuckDB, « Securing DuckDB »):

1. a separate in-memory DuckDB, opened with extensions locked down (`allow_unsigned_extensions`,
   `allow_community_extensions`, `autoinstall_known_extensions`, `autoload_known_extensions` all
   false), Python replacement scans off (`python_enable_replacements`: a query cannot read the
   app's DataFrames by their variable name), a memory cap and a thread cap;
2. the built database ATTACHed read-only as `base`; every table of it is reachable under its own
   name through a view, next to the analysts' views of `sql/views/` (re-applied when the files
   change), so that no table of this connection can be written;
3. then `enable_external_access = false` (no file, no network, no ATTACH of a file, no COPY, no
   extension loading) and `lock_configuration = true` (no SET/RESET/PRAGMA can undo any of it).

Before running, the text is checked: no invisible or bidirectional control characters, exactly one
statement (DuckDB's own parser, `extract_statements`), of type SELECT (which covers WITH, FROM-first,
VALUES, DESCRIBE, SHOW, SUMMARIZE), no INSERT/UPDATE/DELETE inside a WITH, and no table function
outside an allow-list (the file readers, `query()`, the Arrow/pandas pointer scans, logging and
checkpoint functions are refused by name, and the engine would refuse the file readers anyway).
The query then runs in a worker thread, capped to `limite_lignes` rows (the relation is wrapped in a
LIMIT, so a huge result is never computed beyond it) and interrupted (`interrupt()`) after
`delai_s` seconds. Every refusal is a `RequeteRefusee` with a French message, and its line and
column when DuckDB gives them.
"""

from __future__ import annotations

import threading
import time
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa

from vigie import chemins
from vigie.stockage import base, erreurs_sql, lecture, vues

LIMITE_LIGNES = 10_000
DELAI_S = 10.0
MEMOIRE = "1GB"
FILS = 2
TAILLE_MAX_TEXTE = 100_000  # characters of SQL

# Set when the database is created: they cannot be changed afterwards.
CONFIGURATION = {
    "allow_unsigned_extensions": False,
    "allow_community_extensions": False,
    "autoinstall_known_extensions": False,
    "autoload_known_extensions": False,
    "python_enable_replacements": False,
    "python_scan_all_frames": False,
}

# Table functions an analyst may call: generators and read-only catalogue listings. Every other
# table function of DuckDB (file readers, glob, query(), arrow_scan/pandas_scan that take memory
# pointers, enable_logging, checkpoint, external resources...) is refused.
FONCTIONS_TABLE_AUTORISEES = {
    "range",
    "generate_series",
    "unnest",
    "query_table",
    "summary",
    "repeat",
    "repeat_row",
    "json_each",
    "json_tree",
    "histogram",
    "histogram_values",
    "pragma_table_info",
    "pragma_show",
    "pragma_version",
    "pragma_platform",
    "pragma_database_size",
    "pragma_storage_info",
    "pragma_collations",
    "icu_calendar_names",
    "pg_timezone_names",
    "test_all_types",
}
FONCTIONS_CATALOGUE_INTERDITES = {"duckdb_secrets", "duckdb_extensions"}
# Keywords that write, found inside a SELECT (DuckDB accepts `with x as (insert ... returning *)`).
MOTS_ECRITURE = {"insert", "update", "delete", "merge", "truncate"}
# Format characters that hide or reorder text on screen (zero-width, bidirectional overrides).
CATEGORIE_INVISIBLE = "Cf"

POURQUOI_REFUSE = {
    "INSERT": "elle ajoute des lignes",
    "UPDATE": "elle modifie des lignes",
    "DELETE": "elle supprime des lignes",
    "CREATE": "elle crée un objet (pour ajouter une vue, déposez un fichier dans sql/views/)",
    "DROP": "elle supprime un objet",
    "ALTER": "elle modifie un objet",
    "ATTACH": "elle ouvre une autre base",
    "DETACH": "elle ferme une base",
    "COPY": "elle lit ou écrit un fichier",
    "EXPORT": "elle écrit des fichiers",
    "LOAD": "elle installe ou charge une extension",
    "SET": "elle change un réglage",
    "VARIABLE_SET": "elle change un réglage",
    "PRAGMA": "elle change ou lit un réglage interne",
    "CALL": "elle appelle une procédure",
    "EXPLAIN": "EXPLAIN n'est pas proposé dans l'explorateur",
    "TRANSACTION": "les transactions sont inutiles en lecture",
    "MULTI": "elle enchaîne plusieurs opérations (un PIVOT sans liste de valeurs, par exemple : "
    "écrivez « pivot ... on colonne in ('a', 'b') using ... »)",
}


class RequeteRefusee(ValueError):
    """A query the explorer will not run (or stopped), with a French message and its position."""

    def __init__(self, message: str, ligne: int | None = None, colonne: int | None = None):
        self.message = message
        self.ligne = ligne
        self.colonne = colonne
        position = erreurs_sql.ErreurLocalisee(message, ligne, colonne).position()
        super().__init__(f"{position[:1].upper()}{position[1:]} : {message}" if ligne else message)


class RequeteInterrompue(RequeteRefusee):
    """The query ran past the time limit and was interrupted."""


@dataclass
class Resultat:
    """What a query returned: at most `limite` rows, `tronque` when there were more."""

    donnees: pd.DataFrame
    tronque: bool
    limite: int
    duree_s: float
    requete: str = ""

    @property
    def message(self) -> str:
        from vigie.format_fr import nombre

        lignes = len(self.donnees)
        texte = (
            f"{nombre(lignes)} ligne{'s' if lignes > 1 else ''} en {self.duree_s:.2f} s".replace(
                ".", ","
            )
        )
        if self.tronque:
            texte += (
                f" : résultat tronqué aux {nombre(self.limite)} premières lignes "
                "(ajoutez un filtre, un regroupement ou une limite)"
            )
        return texte


def _position(texte: str, decalage: int) -> tuple[int, int]:
    avant = texte[:decalage]
    return avant.count("\n") + 1, decalage - (avant.rfind("\n") + 1) + 1


def _jetons(texte: str) -> list[tuple[str, duckdb.token_type, int]]:
    """(text, type, offset) of every token, comments left out."""
    bruts = duckdb.tokenize(texte)
    jetons = []
    for i, (debut, genre) in enumerate(bruts):
        fin = bruts[i + 1][0] if i + 1 < len(bruts) else len(texte)
        if genre == duckdb.token_type.comment:
            continue
        jetons.append((texte[debut:fin].strip(), genre, debut))
    return jetons


def _nom(jeton: str) -> str:
    """`"Read_CSV"` -> `read_csv`: quoted identifiers call the same functions."""
    return jeton.strip().strip('"').lower()


@dataclass
class BacASable:
    """A locked-down connection over the built database, for the analysts' free queries."""

    chemin: Path = field(default_factory=chemins.chemin_base)
    dossier_vues: Path = field(default_factory=lambda: chemins.DOSSIER_VUES)
    limite_lignes: int = LIMITE_LIGNES
    delai_s: float = DELAI_S
    memoire: str = MEMOIRE
    fils: int = FILS
    erreurs_vues: list[vues.ErreurVue] = field(init=False, default_factory=list)
    _con: duckdb.DuckDBPyConnection = field(init=False, repr=False)
    _tables: list[str] = field(init=False, default_factory=list)
    _fonctions_table: set[str] = field(init=False, default_factory=set)
    _signature: tuple | None = field(init=False, default=None)
    _verrou: threading.Lock = field(init=False, default_factory=threading.Lock)

    def __post_init__(self) -> None:
        self.chemin = Path(self.chemin)
        base.connecter(self.chemin).close()  # BaseIntrouvable with a French message if unusable
        configuration = dict(CONFIGURATION, memory_limit=self.memoire, threads=self.fils)
        con = duckdb.connect(":memory:", config=configuration)
        con.execute("attach $chemin as base (read_only)", {"chemin": str(self.chemin)})
        self._tables = [
            nom
            for (nom,) in con.execute(
                "select table_name from duckdb_tables() where database_name = 'base' "
                "order by table_name"
            ).fetchall()
        ]
        self._fonctions_table = {
            nom
            for (nom,) in con.execute(
                "select distinct function_name from duckdb_functions() "
                "where function_type in ('table', 'table_macro')"
            ).fetchall()
        }
        self._con = con
        self._actualiser_vues()
        # From here on: no file, no network, no extension, and no way to change that back.
        con.execute("set enable_external_access = false")
        con.execute("set lock_configuration = true")

    # -- views ---------------------------------------------------------------------------------

    def _actualiser_vues(self) -> None:
        """(Re)create the table aliases and the analysts' views when the view files changed."""
        signature = lecture.signature_vues(self.dossier_vues)
        if signature == self._signature:
            return
        with self._verrou:
            if signature == self._signature:
                return
            con = self._con
            for (nom,) in con.execute(
                "select view_name from duckdb_views() where database_name = 'memory' "
                "and not internal"
            ).fetchall():
                con.execute(f'drop view if exists memory.main."{nom}"')
            for nom in self._tables:  # names from the database's own catalogue
                con.execute(f'create view memory.main."{nom}" as select * from base.main."{nom}"')
            _, self.erreurs_vues = vues.appliquer_vues(con, self.dossier_vues)
            self._signature = signature

    def objets(self) -> list[str]:
        """Names an analyst can query: the tables and the views, sorted."""
        self._actualiser_vues()
        curseur = self._con.cursor()
        try:
            return [
                nom
                for (nom,) in curseur.execute(
                    "select view_name from duckdb_views() where database_name = 'memory' "
                    "and not internal order by view_name"
                ).fetchall()
            ]
        finally:
            curseur.close()

    # -- checking --------------------------------------------------------------------------------

    def verifier(self, requete: str) -> str:
        """Check a query without running it; return the one statement to run.

        Raises:
            RequeteRefusee: with a French message saying why, and where when it can.
        """
        if not isinstance(requete, str) or not requete.strip():
            raise RequeteRefusee("La requête est vide : écrivez une requête SELECT.")
        if len(requete) > TAILLE_MAX_TEXTE:
            raise RequeteRefusee(
                f"La requête est trop longue ({len(requete)} caractères, "
                f"{TAILLE_MAX_TEXTE} au plus)."
            )
        for i, caractere in enumerate(requete):
            if unicodedata.category(caractere) == CATEGORIE_INVISIBLE and caractere != "\ufeff":
                ligne, colonne = _position(requete, i)
                raise RequeteRefusee(
                    f"caractère invisible U+{ord(caractere):04X} "
                    f"({unicodedata.name(caractere, 'sans nom')}) : retirez-le, il peut cacher "
                    "ou réordonner du texte",
                    ligne,
                    colonne,
                )
        texte = requete.lstrip("\ufeff")
        try:
            with duckdb.connect() as analyseur:  # parses only
                instructions = analyseur.extract_statements(texte)
        except duckdb.Error as erreur:
            position = erreurs_sql.localiser(str(erreur), texte)
            raise RequeteRefusee(position.message, position.ligne, position.colonne) from None
        if not instructions:
            raise RequeteRefusee("La requête ne contient que des commentaires.")
        if len(instructions) > 1:
            debut = texte.find(instructions[0].query.strip()[:40])
            seconde = texte.find(instructions[1].query.strip()[:40], max(debut, 0) + 1)
            ligne, colonne = _position(texte, max(seconde, 0))
            raise RequeteRefusee(
                f"une seule instruction à la fois : la requête en contient {len(instructions)} "
                "et la deuxième commence ici (retirez le « ; » qui les sépare)",
                ligne,
                colonne,
            )
        instruction = instructions[0]
        genre = instruction.type.name
        if instruction.type != duckdb.StatementType.SELECT:
            pourquoi = POURQUOI_REFUSE.get(genre, "elle ne se contente pas de lire")
            raise RequeteRefusee(
                f"L'explorateur n'exécute que des requêtes de lecture (SELECT ou WITH) ; "
                f"cette instruction ({genre}) est refusée : {pourquoi}."
            )
        requete_seule = instruction.query
        self._verifier_jetons(texte, requete_seule)
        return requete_seule

    def _verifier_jetons(self, texte: str, requete: str) -> None:
        """Refuse writes hidden in a WITH, reading files by name, and non-allowed table functions."""
        decalage = max(texte.find(requete.strip()[:40]), 0)
        jetons = _jetons(requete)
        for i, (jeton, genre, debut) in enumerate(jetons):
            ligne, colonne = _position(texte, decalage + debut)
            mot = _nom(jeton)
            if genre == duckdb.token_type.keyword and mot in MOTS_ECRITURE:
                raise RequeteRefusee(
                    f"« {jeton.upper()} » écrit dans la base : l'explorateur ne fait que lire",
                    ligne,
                    colonne,
                )
            suivant = jetons[i + 1][0] if i + 1 < len(jetons) else ""
            if suivant == "(" and genre in (
                duckdb.token_type.identifier,
                duckdb.token_type.keyword,
            ):
                interdite = (
                    mot in self._fonctions_table
                    and mot not in FONCTIONS_TABLE_AUTORISEES
                    and not (
                        mot.startswith("duckdb_") and mot not in FONCTIONS_CATALOGUE_INTERDITES
                    )
                ) or mot in FONCTIONS_CATALOGUE_INTERDITES
                if interdite:
                    raise RequeteRefusee(
                        f"la fonction {mot}() n'est pas permise dans l'explorateur (elle lit des "
                        "fichiers, exécute du texte ou touche au moteur) : interrogez les tables "
                        "et les vues de Vigie",
                        ligne,
                        colonne,
                    )
            precedent = _nom(jetons[i - 1][0]) if i else ""
            if genre == duckdb.token_type.string_const and precedent in ("from", "join", ","):
                if precedent != "," or _dans_from(jetons, i):
                    raise RequeteRefusee(
                        f"lire un fichier ({jeton}) n'est pas permis dans l'explorateur : "
                        "seules les tables et les vues de Vigie se lisent ici",
                        ligne,
                        colonne,
                    )

    # -- running ---------------------------------------------------------------------------------

    def executer(self, requete: str) -> Resultat:
        """Check then run one read-only query, capped in rows and time.

        Raises:
            RequeteRefusee: refused before running, or failed (French message, line, column).
            RequeteInterrompue: stopped after `delai_s` seconds.
        """
        requete_seule = self.verifier(requete)
        self._actualiser_vues()
        curseur = self._con.cursor()
        issue: dict = {}

        def travailler() -> None:
            try:
                relation = curseur.sql(requete_seule)
                issue["table"] = relation.limit(self.limite_lignes + 1).to_arrow_table()
            except BaseException as erreur:  # reported to the caller's thread
                issue["erreur"] = erreur

        debut = time.perf_counter()
        fil = threading.Thread(target=travailler, name="vigie-bac-a-sable", daemon=True)
        fil.start()
        fil.join(self.delai_s)
        if fil.is_alive():
            curseur.interrupt()
            fil.join(5.0)
            curseur.close()
            raise RequeteInterrompue(
                f"La requête a dépassé {self.delai_s:g} s et a été interrompue. Filtrez davantage, "
                "regroupez, ou vérifiez qu'une requête récursive s'arrête."
            )
        duree = time.perf_counter() - debut
        try:
            if "erreur" in issue:
                erreur = _avec_position(curseur, issue["erreur"], requete_seule)
                raise self._refus_execution(erreur, requete, requete_seule) from None
        finally:
            curseur.close()
        table: pa.Table = issue["table"]
        tronque = table.num_rows > self.limite_lignes
        if tronque:
            table = table.slice(0, self.limite_lignes)
        return Resultat(
            donnees=_vers_pandas(table),
            tronque=tronque,
            limite=self.limite_lignes,
            duree_s=duree,
            requete=requete_seule,
        )

    def _refus_execution(self, erreur: BaseException, texte: str, requete: str) -> RequeteRefusee:
        message = str(erreur)
        if isinstance(erreur, duckdb.InterruptException):
            return RequeteInterrompue("La requête a été interrompue.")
        if isinstance(erreur, duckdb.PermissionException):
            return RequeteRefusee(
                "accès refusé : l'explorateur ne lit que les tables et les vues de Vigie "
                "(ni fichiers, ni réseau, ni extensions, ni réglages)"
            )
        if isinstance(erreur, duckdb.OutOfMemoryException):
            return RequeteRefusee(
                f"la requête demande plus de mémoire que permis ({self.memoire}) : filtrez ou "
                "regroupez davantage"
            )
        if not isinstance(erreur, duckdb.Error):
            return RequeteRefusee(f"la requête a échoué ({type(erreur).__name__} : {message})")
        decalage = max(texte.find(requete.strip()[:40]), 0)
        ligne, colonne = _position(texte, decalage)
        position = erreurs_sql.localiser(message, requete, ligne, colonne)
        return RequeteRefusee(position.message, position.ligne, position.colonne)

    def fermer(self) -> None:
        self._con.close()


def _avec_position(
    curseur: duckdb.DuckDBPyConnection, erreur: BaseException, requete: str
) -> BaseException:
    """The same error with DuckDB's `LINE n:` context, which the relation API leaves out.

    Only for errors raised while binding (unknown column, table, function), before any row is
    read: the statement is executed again as a plain (streaming) query, which fails at once with
    the position, and is never fetched.
    """
    if not isinstance(erreur, duckdb.BinderException | duckdb.CatalogException):
        return erreur
    if "LINE " in str(erreur):
        return erreur
    try:
        curseur.execute(requete)
    except duckdb.Error as precise:
        return precise
    return erreur


def _dans_from(jetons: list, i: int) -> bool:
    """Whether the token at `i` follows a comma of a FROM list (`from a, 'f.csv'`)."""
    for jeton, genre, _ in reversed(jetons[:i]):
        mot = _nom(jeton)
        if genre == duckdb.token_type.keyword and mot in ("from", "join"):
            return True
        if genre == duckdb.token_type.keyword and mot in ("select", "where", "group", "order"):
            return False
    return False


_ENTIERS = {
    pa.int8(): pd.Int8Dtype(),
    pa.int16(): pd.Int16Dtype(),
    pa.int32(): pd.Int32Dtype(),
    pa.int64(): pd.Int64Dtype(),
    pa.uint8(): pd.UInt8Dtype(),
    pa.uint16(): pd.UInt16Dtype(),
    pa.uint32(): pd.UInt32Dtype(),
    pa.uint64(): pd.UInt64Dtype(),
}


def _vers_pandas(table: pa.Table) -> pd.DataFrame:
    """Arrow to pandas, integers kept as integers even with nulls (no pytz needed for time zones)."""
    return table.to_pandas(types_mapper=_ENTIERS.get)
