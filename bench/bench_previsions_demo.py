"""Banc d'essai des prévisions d'usage sur le territoire de démonstration (issue 5, point 6).

Questions : le modèle retenu bat-il la reconduction saisonnière, service par service ? Les
fourchettes à 80 % couvrent-elles 75 à 85 % des valeurs au backtest ? Combien de temps prend le
lot complet (backtests compris) sur 2 cœurs, en séries par seconde ? Et, comme référence externe
(jamais une dépendance de l'application), que donne AutoETS de statsforecast sur les mêmes séries,
en précision et en temps, si le paquet est installé (`pip install statsforecast`) ?

Usage : ``python bench/bench_previsions_demo.py [--processus 2]`` ; la base de démonstration doit
exister (``python -m vigie build``). Imprime des tableaux ; aucun test n'affirme de temps.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd

RACINE = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(RACINE))

from models.prevision import mesures as metrics
from models.prevision import prevoir_serie  # noqa: E402
from vigie import chemins, textes  # noqa: E402
from vigie.alimentation import previsions  # noqa: E402
from vigie.stockage import lecture  # noqa: E402


def tableau(lignes: list[dict], titre: str) -> None:
    print(f"\n{titre}")
    cadre = pd.DataFrame(lignes)
    print(cadre.to_string(index=False))


def lot_complet(processus: int) -> Path:
    sortie = Path(tempfile.mkdtemp()) / "previsions.duckdb"
    debut = time.perf_counter()
    rapport = previsions.calculer_previsions(chemins.chemin_base(), sortie, processus=processus)
    duree = time.perf_counter() - debut
    tableau(
        [
            {
                "séries": rapport.series,
                "prévues": rapport.prevues,
                "interrompues": rapport.interrompues,
                "processus": processus,
                "durée (s)": round(duree, 1),
                "séries / s": round(rapport.series / duree, 2),
                "objectif": "< 60 s sur 2 cœurs",
            }
        ],
        "1. Lot complet (tous les candidats, backtests compris)",
    )
    return sortie


def precision_par_service(fichier: Path) -> None:
    con = lecture.ouvrir_catalogue(chemins.chemin_base(), fichier)
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
    tableau(lignes, "2. Précision au backtest glissant (12 mois), par service")


def comparaison_autoets() -> None:
    try:
        from statsforecast import StatsForecast
        from statsforecast.models import AutoETS
    except ImportError:
        print("\n3. AutoETS (statsforecast) : paquet absent, comparaison non faite.")
        return
    con = duckdb.connect(str(chemins.chemin_base()), read_only=True)
    obs = con.execute(
        "select id_serie, periode, valeur from usage_observation order by id_serie, periode"
    ).df()
    con.close()
    lignes = []
    for id_serie, g in obs.groupby("id_serie"):
        y = pd.Series(g["valeur"].to_numpy(float), index=pd.DatetimeIndex(g["periode"]))
        y = y.asfreq("MS")
        if y.index[-1] < pd.Timestamp("2025-12-01") or len(y) < 48:
            continue  # series of a closed facility: nothing to forecast
        apprentissage, test = y.iloc[:-12], y.iloc[-12:]
        echelle = metrics.echelle_mase(apprentissage.interpolate().to_numpy(), 12)
        t0 = time.perf_counter()
        vigie = prevoir_serie(apprentissage, 12)
        t_vigie = time.perf_counter() - t0
        t0 = time.perf_counter()
        df = pd.DataFrame(
            {
                "unique_id": id_serie,
                "ds": apprentissage.index,
                "y": apprentissage.interpolate().bfill().to_numpy(),
            }
        )
        sf = StatsForecast(models=[AutoETS(season_length=12)], freq="MS", n_jobs=1)
        prevu_sf = sf.forecast(df=df, h=12)["AutoETS"].to_numpy()
        t_sf = time.perf_counter() - t0
        reel = test.to_numpy()
        lignes.append(
            {
                "série": id_serie,
                "MASE Vigie": float(
                    np.nanmean(np.abs(reel - vigie.prevision["moyenne"].to_numpy())) / echelle
                ),
                "MASE AutoETS": float(np.nanmean(np.abs(reel - prevu_sf)) / echelle),
                "temps Vigie (s)": t_vigie,
                "temps AutoETS (s)": t_sf,
            }
        )
    cadre = pd.DataFrame(lignes)
    resume = cadre.drop(columns="série").mean().round(3).to_dict()
    tableau(
        [{"séries": len(cadre), **resume}],
        "3. Dernière année tenue à l'écart : Vigie (sélection par backtest) contre AutoETS "
        "(statsforecast), moyennes",
    )


def main() -> None:
    parseur = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parseur.add_argument("--processus", type=int, default=2)
    arguments = parseur.parse_args()
    if not chemins.chemin_base().exists():
        sys.exit("Base absente : lancez d'abord « python -m vigie build ».")
    fichier = lot_complet(arguments.processus)
    precision_par_service(fichier)
    comparaison_autoets()


if __name__ == "__main__":
    main()
