"""Les contrôles d'intégrité de `sql/checks/` : chaque requête rend les lignes qui enfreignent une
règle (aucune ligne : la règle est respectée). La première ligne du fichier, `-- controle: ...`,
énonce la règle en français."""

from __future__ import annotations

from pathlib import Path

from vigie import chemins
from vigie.stockage import base

DOSSIER_CONTROLES = chemins.DOSSIER_SQL / "checks"


def executer(con: base.Connexion, dossier: Path | None = None) -> list[str]:
    """Lance chaque contrôle ; rend une ligne en français par contrôle en échec (liste vide : tout
    est respecté)."""
    problemes = []
    for chemin in base.fichiers_sql(dossier or DOSSIER_CONTROLES):
        sql = base.lire_sql(chemin)
        regle = sql.splitlines()[0].removeprefix("-- controle:").strip()
        lignes = con.execute(sql).fetchall()
        if lignes:
            exemples = ", ".join(str(tuple(ligne)) for ligne in lignes[:3])
            problemes.append(
                f"{chemin.name} : « {regle} » n'est pas respecté ({len(lignes)} ligne(s), "
                f"par exemple {exemples})"
            )
    return problemes
