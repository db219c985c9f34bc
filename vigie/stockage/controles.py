"""Integrity checks of `sql/checks/`: each query returns the rows that break a rule."""

from __future__ import annotations

from pathlib import Path

import duckdb

from vigie import chemins

DOSSIER_CONTROLES = chemins.DOSSIER_SQL / "checks"


def executer(con: duckdb.DuckDBPyConnection, dossier: Path | None = None) -> list[str]:
    """Run every check; return one French line per failing check (empty list: all pass)."""
    problemes = []
    for chemin in sorted(Path(dossier or DOSSIER_CONTROLES).glob("*.sql")):
        sql = chemin.read_text(encoding="utf-8")
        regle = sql.splitlines()[0].removeprefix("-- controle:").strip()
        lignes = con.execute(sql).fetchall()
        if lignes:
            exemples = ", ".join(str(tuple(ligne)) for ligne in lignes[:3])
            problemes.append(
                f"{chemin.name} : « {regle} » n'est pas respecté ({len(lignes)} ligne(s), "
                f"par exemple {exemples})"
            )
    return problemes
