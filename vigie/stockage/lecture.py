"""La lecture pour l'application et les contrôles : la base construite attachée en lecture seule
sous un catalogue en mémoire où les fichiers de vues de `sql/views/` sont appliqués en direct.

Comme les vues sont (re)créées dans le catalogue en mémoire, un chargé d'études qui dépose ou
modifie un fichier de `sql/views/` le voit à la prochaine exécution de la page, sans reconstruction
ni redémarrage, et ne peut jamais écrire dans la base construite par cette connexion.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from vigie import chemins
from vigie.stockage import base, vues


def signature_vues(dossier: Path | None = None) -> tuple:
    """Ce qui change quand un fichier de vue est ajouté, retiré ou modifié (noms, tailles, dates)."""
    dossier = Path(dossier or chemins.DOSSIER_VUES)
    # Appelée à chaque requête des pages : un seul parcours du dossier, un stat par fichier.
    return tuple(
        (e.name, (etat := e.stat()).st_size, etat.st_mtime_ns) for e in base.entrees_sql(dossier)
    )


def _chemin_recherche(con: duckdb.DuckDBPyConnection) -> None:
    """Les noms se résolvent d'abord dans les vues vivantes, puis la base construite, puis les
    prévisions."""
    schemas = "memory.main,base.main" + (",previsions.main" if previsions_attachees(con) else "")
    con.execute(f"set search_path = '{schemas}'")


def ouvrir_catalogue(
    chemin: Path | None = None, previsions: Path | None = None
) -> duckdb.DuckDBPyConnection:
    """Une connexion en mémoire où la base construite est attachée en lecture seule sous le nom
    `base`, et les prévisions de fréquentation (quand elles ont été calculées) sous `previsions`."""
    chemin = Path(chemin or chemins.chemin_base())
    base.connecter(chemin).close()  # BaseIntrouvable, en français, si elle est inutilisable
    con = duckdb.connect()
    base.executer(con, "queries/catalogue_attacher_base", chemin=str(chemin))
    previsions = Path(previsions) if previsions else chemins.chemin_previsions()
    if previsions.exists():
        try:
            base.executer(con, "queries/catalogue_attacher_previsions", chemin=str(previsions))
        except duckdb.Error:
            pass  # un fichier de prévisions en cours de remplacement ou illisible : les pages
            # disent que les prévisions manquent
    _chemin_recherche(con)
    return con


def previsions_attachees(con: duckdb.DuckDBPyConnection) -> bool:
    """Le fichier des prévisions de fréquentation est-il attaché à cette connexion ?"""
    return bool(base.executer(con, "queries/catalogue_previsions_attachees").fetchone()[0])


@dataclass
class Catalogue:
    """La connexion de l'application : une par processus, vues réappliquées quand leurs fichiers
    changent."""

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
        """Réapplique les fichiers de vues si l'un d'eux a été ajouté, retiré ou modifié depuis le
        dernier appel."""
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
        """Un curseur pour une exécution de page (les curseurs DuckDB partagent le catalogue, un
        par fil)."""
        self.actualiser()
        curseur = self.con.cursor()
        _chemin_recherche(curseur)
        return curseur
