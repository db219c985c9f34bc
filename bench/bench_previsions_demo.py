"""Banc d'essai des prévisions d'usage sur le territoire de démonstration (issue 5, point 6).

Questions : combien de temps prend le lot complet (backtests compris) sur 2 cœurs — objectif de
l'issue 20 : moins de 60 s de temps écoulé — et le modèle retenu bat-il la reconduction
saisonnière, service par service, au backtest à 36 mois ? La comparaison avec statsforecast
(temps et précision sur des mois cachés) est dans ``bench/bench_prevision.py``.

Usage : ``python bench/bench_previsions_demo.py [--processus 2] [--base chemin.duckdb]`` ; la
base de démonstration doit exister (``python -m vigie build``). Imprime des tableaux ; aucun test
n'affirme de temps.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

import banc

from vigie import chemins, textes
from vigie.alimentation import previsions
from vigie.stockage import lecture


def lot_complet(processus: int, chemin_base: Path) -> Path:
    sortie = Path(tempfile.mkdtemp()) / "previsions.duckdb"
    debut, cpu = time.perf_counter(), time.process_time()
    rapport = previsions.calculer_previsions_demo(chemin_base, sortie, processus=processus)
    duree = time.perf_counter() - debut
    enfants = os.times()
    cpu = time.process_time() - cpu + enfants.children_user + enfants.children_system
    banc.tableau(
        [
            {
                "séries": rapport.series,
                "prévues": rapport.prevues,
                "interrompues": rapport.interrompues,
                "processus": processus,
                "durée (s)": round(duree, 1),
                "CPU (s, processus compris)": round(cpu, 1),
                "séries / s": round(rapport.series / duree, 2),
                "objectif": "< 60 s sur 2 cœurs",
            }
        ],
        "1. Lot complet (tous les candidats, backtests compris)",
        decimales=None,  # déjà arrondis
    )
    return sortie


def precision_par_service(fichier: Path, chemin_base: Path) -> None:
    con = lecture.ouvrir_catalogue(chemin_base, fichier)
    cadre = con.execute(
        "select u.service, s.modele, s.mase_retenu, s.mase_reference, b.couverture_80, "
        "b.couverture_95 from prevision_serie s join usage_serie u using (id_serie) "
        "left join backtest_usage b on b.id_serie = s.id_serie and b.retenu "
        "and b.horizon = s.horizon_backtest where s.statut = 'ok'"
    ).df()
    con.close()
    lignes = []
    for service, g in cadre.groupby("service"):
        lignes.append(
            {
                "service": textes.libelle_service(service),
                "séries": len(g),
                "MASE retenu": round(g["mase_retenu"].mean(), 3),
                "MASE saisonnier naïf": round(g["mase_reference"].mean(), 3),
                "couverture 80 %": round(g["couverture_80"].mean(), 3),
                "couverture 95 %": round(g["couverture_95"].mean(), 3),
                "modèles retenus": ", ".join(sorted(g["modele"].unique())),
            }
        )
    lignes.append(
        {
            "service": "ENSEMBLE",
            "séries": len(cadre),
            "MASE retenu": round(cadre["mase_retenu"].mean(), 3),
            "MASE saisonnier naïf": round(cadre["mase_reference"].mean(), 3),
            "couverture 80 %": round(cadre["couverture_80"].mean(), 3),
            "couverture 95 %": round(cadre["couverture_95"].mean(), 3),
            "modèles retenus": "objectif : MASE retenu < naïf ; couverture 80 % entre 0,75 et 0,85",
        }
    )
    banc.tableau(
        lignes,
        "2. Précision au backtest glissant (36 mois, 4 origines), par service",
        decimales=None,  # déjà arrondis
    )


def main() -> None:
    parseur = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parseur.add_argument("--processus", type=int, default=2)
    parseur.add_argument("--base", type=Path, default=None, help="base de démonstration à lire")
    arguments = parseur.parse_args()
    chemin_base = arguments.base or chemins.chemin_base()
    if not chemin_base.exists():
        sys.exit("Base absente : lancez d'abord « python -m vigie build ».")
    fichier = lot_complet(arguments.processus, chemin_base)
    precision_par_service(fichier, chemin_base)


if __name__ == "__main__":
    main()
