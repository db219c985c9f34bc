"""Speed of the importers on the real files of ../shared/data: reading each file (recognition +
parsing + validation) and the whole Pays de Morlaix import into a copy of the demo database.

    python bench/bench_import.py        (prints a table; needs ../shared/data and data/vigie.duckdb)
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

RACINE = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(RACINE))

from vigie import chemins  # noqa: E402
from vigie.alimentation.importation import formats  # noqa: E402

DONNEES = RACINE.parent / "shared" / "data"


def main() -> None:
    if not DONNEES.is_dir():
        print("../shared/data absent : rien à mesurer.")
        return
    print(f"{'fichier':<72} {'format':<24} {'lignes':>9} {'secondes':>9}")
    for chemin in sorted(DONNEES.rglob("*")):
        if chemin.suffix not in (".csv", ".xlsx", ".xls", ".geojson"):
            continue
        debut = time.perf_counter()
        try:
            lot = formats.lire(chemin)
            quoi, lignes = lot.format, lot.lignes
        except Exception as erreur:  # noqa: BLE001 - a bench reports, it does not stop
            quoi, lignes = f"refusé ({type(erreur).__name__})", 0
        duree = time.perf_counter() - debut
        print(f"{str(chemin.relative_to(DONNEES)):<72} {quoi:<24} {lignes:>9} {duree:>9.2f}")
    base = chemins.chemin_base()
    if not base.exists():
        print("data/vigie.duckdb absent : lancez python -m vigie build pour mesurer l'import.")
        return
    with tempfile.TemporaryDirectory() as dossier:
        copie = Path(dossier) / "vigie.duckdb"
        shutil.copyfile(base, copie)
        os.environ["VIGIE_BASE"] = str(copie)
        os.environ["VIGIE_BASE_UTILISATEUR"] = str(Path(dossier) / "u" / "u.duckdb")
        from vigie.alimentation import importation
        from vigie.reglages import territoires

        fichiers = [
            DONNEES / "epci" / "EPCI_au_01-01-2024.xlsx",
            DONNEES / "cog" / "v_commune_2026.csv",
            DONNEES / "cog" / "v_mvt_commune_2026.csv",
            DONNEES / "populations_legales" / "ensemble_pop_legales_2022_en_vigueur_2025.xlsx",
            DONNEES / "geo" / "communes-29-finistere.geojson",
        ]
        debut = time.perf_counter()
        importation.importer(fichiers)
        import_s = time.perf_counter() - debut
        debut = time.perf_counter()
        territoires.enregistrer("Pays de Morlaix", epcis=["242900835", "200067072", "242900751"])
        territoire_s = time.perf_counter() - debut
    print()
    print(f"{'étape':<60} {'secondes':>9}")
    print(f"{'Import Pays de Morlaix (5 fichiers nationaux, base copiée)':<60} {import_s:>9.1f}")
    print(f"{'Enregistrement du territoire (base copiée)':<60} {territoire_s:>9.1f}")


if __name__ == "__main__":
    main()
