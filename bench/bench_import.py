"""Vitesse des importeurs sur les fichiers réels de ../shared/data (issue 14, point 5).

0. depuis un dépôt neuf (aucune base), les commandes de « Mon territoire réel en 10 minutes » du
   README, chacune dans son processus : `import DOSSIER` (qui construit d'abord la base livrée,
   sans projections), `territoire --nom "Pays de Morlaix" --epci …`, `build` (projections) ;
1. lecture de chaque fichier (reconnaissance + lecture + validation), sans mémoire des lectures ;
2. import du dossier entier (`python -m vigie import DOSSIER`) dans une copie de la base de
   démonstration, dossier utilisateur vide (aucune lecture en mémoire) ;
3. ajout d'un fichier de données à ce dossier importé (import incrémental) ;
4. construction qui rejoue les imports (`rejouer` sur une base neuve : fichiers relus en mémoire).

Temps mesurés en secondes d'horloge et en secondes de processeur (la machine est partagée : la
seconde colonne dit le travail fait, la première ce qu'attend l'utilisateur).

    python bench/bench_import.py        (imprime les tableaux ; VIGIE_DONNEES_REELLES=chemin pour
                                         un autre dossier ; tout se fait dans un dossier temporaire,
                                         data/ n'est ni lu ni écrit)
"""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import banc
import duckdb

from vigie.alimentation.importation import dossier, formats

RACINE = banc.RACINE

DONNEES = Path(os.environ.get("VIGIE_DONNEES_REELLES", RACINE.parent / "shared" / "data"))
SUFFIXES = (".csv", ".xlsx", ".xls", ".geojson")


def _lire(chemin: Path) -> tuple[str, int]:
    """Le format reconnu et le nombre de lignes lues, ou le refus."""
    try:
        lot = formats.lire(chemin, garder=False)
    except Exception as erreur:  # noqa: BLE001 - un banc rapporte, il ne s'arrête pas
        return f"refusé ({type(erreur).__name__})", 0
    return lot.format, lot.lignes


COMMANDES = [
    ("import du dossier (base livrée construite d'abord)", ["import", str(DONNEES)]),
    (
        "territoire Pays de Morlaix (3 EPCI)",
        ["territoire", "--nom", "Pays de Morlaix", "--epci", "242900835", "200067072", "242900751"],
    ),
    ("build (projections de la démonstration et du Pays)", ["build"]),
]


def depuis_un_depot_neuf() -> None:
    """Les commandes du README dans un dossier neuf, chacune dans son processus : horloge et
    processeur (du processus enfant) de chacune, et leur total."""
    print(
        f"{'depuis un dépôt neuf : python -m vigie …':<58} {'horloge s':>10} {'processeur s':>13}"
    )
    total_s = total_cpu = 0.0
    with tempfile.TemporaryDirectory() as tmp:
        env = {
            **os.environ,
            "VIGIE_BASE": f"{tmp}/vigie.duckdb",
            "VIGIE_BASE_UTILISATEUR": f"{tmp}/u/vigie_utilisateur.duckdb",
            "VIGIE_PREVISIONS": f"{tmp}/previsions.duckdb",
        }
        for libelle, arguments in COMMANDES:
            avant = resource.getrusage(resource.RUSAGE_CHILDREN)
            debut = time.perf_counter()
            fini = subprocess.run(
                [sys.executable, "-m", "vigie", *arguments],
                cwd=RACINE,
                env=env,
                capture_output=True,
                text=True,
            )
            duree = time.perf_counter() - debut
            apres = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu = (apres.ru_utime - avant.ru_utime) + (apres.ru_stime - avant.ru_stime)
            total_s, total_cpu = total_s + duree, total_cpu + cpu
            etat = "" if fini.returncode == 0 else f"  ÉCHEC (code {fini.returncode})"
            print(f"{libelle:<58} {duree:>10.1f} {cpu:>13.1f}{etat}")
            if fini.returncode or "Traceback" in fini.stderr:
                print(fini.stderr[-2000:])
    print(f"{'total':<58} {total_s:>10.1f} {total_cpu:>13.1f}")
    print()


def main() -> None:
    if not DONNEES.is_dir():
        print(f"{DONNEES} absent : rien à mesurer.")
        return
    depuis_un_depot_neuf()
    print(f"{'fichier':<72} {'format':<24} {'lignes':>9} {'secondes':>9}")
    for chemin in sorted(DONNEES.rglob("*")):
        if chemin.suffix not in SUFFIXES:
            continue
        duree, (quoi, lignes) = banc.chrono(lambda chemin=chemin: _lire(chemin))
        print(f"{str(chemin.relative_to(DONNEES)):<72} {quoi:<24} {lignes:>9} {duree:>9.2f}")
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        # La base livrée (démonstration sans projections), construite ici : data/ n'est pas lu.
        from vigie.alimentation import construction

        base = tmp / "livree.duckdb"
        construction.construire(chemin=base, rejouer_imports=False, projeter=False)
        copie = tmp / "vigie.duckdb"
        shutil.copyfile(base, copie)
        os.environ["VIGIE_BASE"] = str(copie)
        os.environ["VIGIE_BASE_UTILISATEUR"] = str(tmp / "u" / "u.duckdb")
        from vigie.alimentation import importation
        from vigie.alimentation.importation import depot
        from vigie.reglages import territoires

        # Le dossier sans un fichier de populations légales, ajouté ensuite (incrémental).
        ajout = DONNEES / "populations_legales" / "donnees_communes_pop_legale_2023.csv"
        fichiers, _ = dossier.fichiers_du_dossier([DONNEES])
        sans_ajout = [f for f in fichiers if f != ajout]
        dossier_s, dossier_cpu, rapport = banc.chrono_processeur(
            lambda: dossier.importer_dossier(sans_ajout)
        )
        importes = sum(f.statut == "importé" for f in rapport.fichiers)
        refuses = sum(f.statut == "refusé" for f in rapport.fichiers)
        ajout_s, ajout_cpu, _ = banc.chrono_processeur(lambda: importation.importer([ajout]))
        terr_s, terr_cpu, _ = banc.chrono_processeur(
            lambda: territoires.enregistrer(
                "Pays de Morlaix", epcis=["242900835", "200067072", "242900751"]
            )
        )
        neuve = tmp / "neuve.duckdb"
        shutil.copyfile(base, neuve)

        def rejouer():
            con = duckdb.connect(str(neuve))
            try:
                depot.rejouer(con)
            finally:
                con.close()

        rejouer_s, rejouer_cpu, _ = banc.chrono_processeur(rejouer)
        con = duckdb.connect(str(neuve), read_only=True)
        estimees = con.execute("select count(distinct code_commune) from population_estimee")
        estimees = estimees.fetchone()[0]
        con.close()
        assert len(depot.lire_manifeste()) == importes + 1
    print()
    print(f"{'étape':<66} {'horloge s':>10} {'processeur s':>13}")
    print(
        f"{f'Import du dossier ({importes} importés, {refuses} refusés)':<66} "
        f"{dossier_s:>10.1f} {dossier_cpu:>13.1f}"
    )
    print(
        f"{'Ajout d’un fichier (populations légales 2023, incrémental)':<66} "
        f"{ajout_s:>10.1f} {ajout_cpu:>13.1f}"
    )
    print(f"{'Enregistrement du territoire Pays de Morlaix':<66} {terr_s:>10.1f} {terr_cpu:>13.1f}")
    print(
        f"{f'Rejeu des imports à la construction ({estimees} communes estimées)':<66} "
        f"{rejouer_s:>10.1f} {rejouer_cpu:>13.1f}"
    )


if __name__ == "__main__":
    main()
