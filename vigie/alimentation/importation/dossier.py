"""Importer un dossier entier : tous les fichiers reconnus, dans n'importe quel ordre.

`importer_dossier([dossier ou fichier, ...])` parcourt les dossiers (sous-dossiers compris), garde
les fichiers de données (CSV, classeurs, GeoJSON ; les PROVENANCE.md, README et autres textes sont
ignorés), puis les importe en un seul lot par `depot.importer` : géographie d'abord, quel que soit
l'ordre des fichiers, et la base change en une fois ou pas du tout. Un fichier refusé — type non
reconnu, ligne invalide, contours qui ne sont pas ceux des communes, codes inconnus — est mis de
côté avec sa raison et le lot est importé sans lui (les fichiers déjà lus ne sont pas relus : voir
`memoire`). Une erreur qui n'est pas celle d'un fichier (contrôles d'intégrité) arrête tout.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from vigie.alimentation.importation import depot
from vigie.alimentation.importation.erreurs import ErreurImport

EXTENSIONS = {".csv", ".xlsx", ".xls", ".ods", ".geojson", ".json"}


def fichiers_du_dossier(chemins: list[Path]) -> tuple[list[Path], list[Path]]:
    """(fichiers de données à importer, autres fichiers ignorés), dans l'ordre des noms."""
    retenus, ignores = [], []
    for chemin in chemins:
        chemin = Path(chemin)
        candidats = (
            sorted(p for p in chemin.rglob("*") if p.is_file()) if chemin.is_dir() else [chemin]
        )
        for p in candidats:
            if any(part.startswith(".") for part in p.parts[len(chemin.parts) - 1 :]):
                continue  # fichiers et dossiers cachés
            (retenus if p.suffix.lower() in EXTENSIONS or not chemin.is_dir() else ignores).append(
                p
            )
    return retenus, ignores


def importer_dossier(
    chemins: list[Path],
    base: Path | None = None,
    progression: Callable[[str, float], None] | None = None,
) -> depot.RapportImport:
    """Importe les fichiers reconnus de `chemins` (dossiers ou fichiers) en un lot.

    Returns:
        Le rapport de `depot.importer`, complété d'une ligne « refusé » (avec sa raison) par
        fichier écarté.

    Raises:
        ErreurImport: une erreur qui n'est celle d'aucun fichier (rien n'a été écrit).
    """
    fichiers, _ = fichiers_du_dossier(chemins)
    restants = list(fichiers)
    refuses: list[ErreurImport] = []
    while True:
        noms = {p.name for p in restants}
        try:
            rapport = depot.importer(restants, base=base, progression=progression)
        except depot.ErreursImport as erreurs:
            refuses.extend(erreurs.erreurs)
            ecartes = {e.fichier for e in erreurs.erreurs}
        except ErreurImport as erreur:
            if erreur.fichier not in noms:
                raise
            refuses.append(erreur)
            ecartes = {erreur.fichier}
        else:
            break
        restants = [p for p in restants if p.name not in ecartes]
    rapport.fichiers.extend(
        depot.ResultatFichier(e.fichier, "refusé", message=e.message) for e in refuses
    )
    return rapport
