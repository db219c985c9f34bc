"""Read access for the app and the checks: the built database attached read-only under an
in-memory catalog where the view files of `sql/views/` are applied live.

Because views are (re)created in the in-memory catalog, an analyst who drops or edits a file in
`sql/views/` sees it at the next page rerun, without a rebuild or a restart, and can never write
to the built database through this connection.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from vigie import chemins
from vigie.stockage import base, vues


def signature_vues(dossier: Path | None = None) -> tuple:
    """What changes when a view file is added, removed or edited (names, sizes, mtimes)."""
    dossier = Path(dossier or chemins.DOSSIER_VUES)
    return tuple(
        (p.name, p.stat().st_size, p.stat().st_mtime_ns) for p in base.fichiers_sql(dossier)
    )


def _chemin_recherche(con: duckdb.DuckDBPyConnection) -> None:
    """Names resolve in the live views first, then the built database, then the forecasts."""
    schemas = "memory.main,base.main" + (",previsions.main" if previsions_attachees(con) else "")
    con.execute(f"set search_path = '{schemas}'")


def ouvrir_catalogue(
    chemin: Path | None = None, previsions: Path | None = None
) -> duckdb.DuckDBPyConnection:
    """An in-memory connection with the built database attached read-only as `base`, and the
    usage forecasts (when they have been computed) as `previsions`."""
    chemin = Path(chemin or chemins.chemin_base())
    base.connecter(chemin).close()  # raises BaseIntrouvable with a French message if unusable
    con = duckdb.connect()
    base.executer(con, "queries/catalogue_attacher_base", chemin=str(chemin))
    previsions = Path(previsions) if previsions else chemins.chemin_previsions()
    if previsions.exists():
        try:
            base.executer(con, "queries/catalogue_attacher_previsions", chemin=str(previsions))
        except duckdb.Error:
            pass  # a forecasts file being replaced or unreadable: pages say forecasts are missing
    _chemin_recherche(con)
    return con


def previsions_attachees(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether the usage forecasts file is attached to this connection."""
    return bool(base.executer(con, "queries/catalogue_previsions_attachees").fetchone()[0])


@dataclass
class Catalogue:
    """The app's connection: one per process, views reapplied when their files change."""

    chemin: Path
    dossier_vues: Path = field(default_factory=lambda: chemins.DOSSIER_VUES)
    con: duckdb.DuckDBPyConnection = field(init=False)
    erreurs: list[vues.ErreurVue] = field(init=False, default_factory=list)
    vues_actives: list[vues.Vue] = field(init=False, default_factory=list)
    _signature: tuple | None = field(init=False, default=None)
    _verrou: threading.Lock = field(init=False, default_factory=threading.Lock)

    def __post_init__(self) -> None:
        self.con = ouvrir_catalogue(self.chemin)

    def actualiser(self) -> None:
        """Reapply the view files if any was added, removed or changed since the last call."""
        signature = signature_vues(self.dossier_vues)
        if signature == self._signature:
            return
        with self._verrou:
            if signature == self._signature:
                return
            # Les vues dont le fichier a été retiré disparaissent aussi du catalogue.
            vues.retirer_vues(self.con)
            self.vues_actives, self.erreurs = vues.appliquer_vues(self.con, self.dossier_vues)
            self._signature = signature

    def curseur(self) -> duckdb.DuckDBPyConnection:
        """A cursor for one rerun (DuckDB cursors share the catalogue, one per thread)."""
        self.actualiser()
        curseur = self.con.cursor()
        _chemin_recherche(curseur)
        return curseur
