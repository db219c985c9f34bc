"""Vigie à l'échelle nationale (issue 10) : France synthétique de ~35 000 communes et ~1 250 EPCI,
générée à la volée (vigie/demo/national.py, jamais versionnée), puis mesurée :

1. génération des fichiers et construction de la base (chargement, vues, contrôles ; sans les
   projections, qui passent par le lot par blocs) ;
2. projection de toutes les communes : estimation des taux et chemin central pour les 35 000
   communes en un processus ; intervalles simulés par blocs d'EPCI sur un échantillon de blocs,
   (a) en processus locaux et (b) sur Dask distribué (LocalCluster), même code ;
3. lot de prévisions des séries d'usage : échantillon de séries, (a) processus et (b) Dask, même
   code (`vigie.alimentation.previsions.calculer_previsions(executeur=...)`).

Les durées complètes sont extrapolées (coût par bloc ou par série × nombre total / cœurs), pour
cette machine et pour un cluster de `--coeurs-cluster` cœurs. Usage :

    python bench/bench_echelle.py [--communes 35000] [--blocs 2] [--series 4] [--rapide]
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import duckdb  # noqa: E402
import pandas as pd  # noqa: E402

from models import execution  # noqa: E402
from models.projection import Scenario, charger_reference, estimer_modele, projeter  # noqa: E402
from models.projection.entrees import DonneesProjection  # noqa: E402
from models.projection.lot import decouper, projeter_par_blocs  # noqa: E402
from vigie.alimentation import construction, previsions, projections  # noqa: E402
from vigie.demo import national  # noqa: E402
from vigie.format_fr import nombre  # noqa: E402

CANDIDATS_RAPIDES = ["naive", "naive_saisonniere", "ets_additif", "theta"]


def duree(s: float) -> str:
    if s < 120:
        return f"{s:.1f} s"
    if s < 7200:
        return f"{s / 60:.1f} min"
    return f"{s / 3600:.1f} h"


def main() -> None:
    parseur = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parseur.add_argument("--communes", type=int, default=35_000)
    parseur.add_argument("--blocs", type=int, default=2, help="blocs d'EPCI mesurés (intervalles)")
    parseur.add_argument("--communes-par-bloc", type=int, default=400)
    parseur.add_argument("--tirages", type=int, default=200)
    parseur.add_argument("--series", type=int, default=4, help="séries d'usage mesurées")
    parseur.add_argument("--travailleurs", type=int, default=2)
    parseur.add_argument("--coeurs-cluster", type=int, default=256)
    parseur.add_argument("--adresse", help="planificateur Dask réel (tcp://hote:8786)")
    parseur.add_argument(
        "--rapide", action="store_true", help="candidats de prévision rapides, 50 tirages"
    )
    args = parseur.parse_args()
    tirages = 50 if args.rapide else args.tirages
    lignes: list[tuple[str, str, str]] = []

    def noter(etape: str, valeur: str, detail: str = "") -> None:
        lignes.append((etape, valeur, detail))
        print(f"  {etape:<58} {valeur:>12}  {detail}", flush=True)

    dossier = Path(tempfile.mkdtemp(prefix="vigie-france-"))
    try:
        print(f"France synthétique : {nombre(args.communes)} communes dans {dossier}")
        bilan = national.generer(dossier / "fichiers", args.communes)
        noter(
            "génération des fichiers",
            duree(bilan["duree_s"]),
            f"{nombre(bilan['communes'])} communes, {nombre(bilan['epci'])} EPCI, "
            f"{nombre(bilan['series'])} séries, {nombre(bilan['habitants'])} hab.",
        )
        base = dossier / "france.duckdb"
        rapport = construction.construire(
            base, dossier / "fichiers", rejouer_imports=False, projeter=False
        )
        noter(
            "construction (chargement, vues, contrôles)",
            duree(rapport.duree_s),
            f"{nombre(rapport.lignes['population'])} lignes de population, "
            f"{base.stat().st_size / 1e6:.0f} Mo",
        )

        # ---- projection ------------------------------------------------------------------
        con = duckdb.connect(str(base), read_only=True)
        donnees = projections.donnees_depuis_base(con)
        con.close()
        ref = charger_reference()
        t = time.perf_counter()
        modele = estimer_modele(donnees, ref)
        t_est = time.perf_counter() - t
        noter(
            "estimation des taux, toutes les communes (1 processus)",
            duree(t_est),
            f"{t_est / args.communes * 1000:.2f} ms par commune",
        )
        t = time.perf_counter()
        projeter(modele, Scenario(horizon=2050))
        noter("chemin central 2021 → 2050, toutes les communes", duree(time.perf_counter() - t))
        del modele

        blocs = decouper(donnees, args.communes_par_bloc)
        echantillon = blocs[: args.blocs]
        n_ech = sum(len(b.communes) for b in echantillon)
        reunies = DonneesProjection(
            population=pd.concat([b.population for b in echantillon]),
            communes=pd.concat([b.communes for b in echantillon]),
            naissances=pd.concat([b.naissances for b in echantillon]),
            deces=pd.concat([b.deces for b in echantillon]),
        )
        cout_par_commune = {}
        for mode in ("processus", "dask"):
            adresse = args.adresse if mode == "dask" else None
            with execution.executeur(mode, args.travailleurs, adresse) as ex:
                execution.prechauffer(ex, ["models.projection"])
                t = time.perf_counter()
                resultats = projeter_par_blocs(
                    reunies, Scenario(horizon=2050), ex, args.communes_par_bloc,
                    intervalles=True, n_tirages=tirages,
                )  # fmt: skip
                mur = time.perf_counter() - t
            calcul = sum(sum(r.durees.values()) for r in resultats)
            cout_par_commune[mode] = calcul / n_ech
            noter(
                f"intervalles {tirages} tirages, {len(resultats)} blocs ({mode}, "
                f"{ex.travailleurs} trav.)",
                duree(mur),
                f"{nombre(n_ech)} communes, {calcul / n_ech:.3f} s-cœur par commune",
            )
        cout = min(cout_par_commune.values()) * (args.tirages / tirages)
        total = cout * args.communes
        noter(
            f"→ extrapolé : {nombre(args.communes)} communes, {args.tirages} tirages",
            duree(total / args.travailleurs),
            f"{duree(total)} cœur ; {len(blocs)} blocs",
        )
        noter(
            f"→ extrapolé sur un cluster de {args.coeurs_cluster} cœurs",
            duree(max(total / args.coeurs_cluster, cout * args.communes_par_bloc)),
            f"borné par le plus long bloc ({args.communes_par_bloc} communes)",
        )

        # ---- forecast batch --------------------------------------------------------------
        con = duckdb.connect(str(base), read_only=True)
        ids = [
            r[0]
            for r in con.execute(
                "select id_serie from usage_serie order by hash(id_serie) limit ?", [args.series]
            ).fetchall()
        ]
        n_series = con.execute("select count(*) from usage_serie").fetchone()[0]
        con.close()
        cout_series = {}
        for mode in ("processus", "dask"):
            adresse = args.adresse if mode == "dask" else None
            with execution.executeur(mode, args.travailleurs, adresse) as ex:
                execution.prechauffer(ex)
                t = time.perf_counter()
                r = previsions.calculer_previsions(
                    base,
                    dossier / f"previsions_{mode}.duckdb",
                    executeur=ex,
                    series_retenues=ids,
                    candidats=CANDIDATS_RAPIDES if args.rapide else None,
                )
                mur = time.perf_counter() - t
            cout_series[mode] = mur * ex.travailleurs / len(ids)
            noter(
                f"prévisions de {len(ids)} séries ({mode}, {ex.travailleurs} trav.)",
                duree(mur),
                f"{r.prevues} prévues, {r.erreurs} en erreur ; "
                f"{cout_series[mode]:.1f} s-cœur par série",
            )
        cout = min(cout_series.values())
        noter(
            f"→ extrapolé : les {nombre(n_series)} séries",
            duree(cout * n_series / args.travailleurs),
            f"{duree(cout * n_series)} cœur",
        )
        noter(
            f"→ extrapolé sur un cluster de {args.coeurs_cluster} cœurs",
            duree(cout * n_series / args.coeurs_cluster),
            "une série par tâche",
        )
    finally:
        shutil.rmtree(dossier, ignore_errors=True)

    print()
    print(f"| {'étape':<58} | {'durée':>12} | détail |")
    print(f"|{'-' * 60}|{'-' * 14}|--------|")
    for etape, valeur, detail in lignes:
        print(f"| {etape:<58} | {valeur:>12} | {detail} |")


if __name__ == "__main__":
    main()
