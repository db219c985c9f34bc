"""Usage forecasts between the store and `models.prevision`: the batch behind
`python -m vigie forecast`.

Reads every usage series from the built database, offers SARIMAX the relevant population as a
driver (observed, then projected in the central scenario; e.g. children of 3 to 10 for school
canteens, the EPCI's inhabitants for water and waste), lets the rolling-origin backtest choose the
model of each series against the naive benchmarks, and writes forecasts, backtests and French
diagnostics into their own file (`data/previsions.duckdb`), built in a temporary file and renamed:
the app keeps reading the previous forecasts until the new ones are complete.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd

from models.execution import Executeur
from models.prevision import ResultatPrevision, prevoir_lot
from vigie import chemins
from vigie.alimentation import construction
from vigie.stockage import base, integrite, lecture, verrou

HORIZON_MOIS = 36  # three years ahead: the budget cycle of a commune, with widening intervals
FICHIER_SCHEMA = chemins.DOSSIER_SQL / "resultats" / "previsions.sql"

# Which population drives each service's usage: (level of the perimeter, age range, words).
PILOTES = {
    "restauration_scolaire": ("commune", 3, 10, "enfants de 3 à 10 ans de la commune"),
    "mediatheque": ("commune", 0, 100, "habitants de la commune"),
    "piscine": ("commune", 0, 100, "habitants de la commune"),
    "transport": ("epci", 0, 100, "habitants de l'intercommunalité"),
    "eau": ("epci", 0, 100, "habitants de l'intercommunalité"),
    "dechets": ("epci", 0, 100, "habitants de l'intercommunalité"),
}


@dataclass
class Rapport:
    """What a forecast batch produced."""

    chemin: Path
    series: int
    prevues: int
    interrompues: int
    erreurs: int
    duree_s: float
    reprises: int = 0


TABLES_PAR_SERIE = ("prevision_usage", "backtest_usage", "prevision_diagnostic")


def empreinte_serie(y: pd.Series, pilote: pd.Series | None, reglages: dict) -> str:
    """What a series' forecast depends on: its values, its driver and the batch settings."""
    h = hashlib.sha256()
    h.update(pd.util.hash_pandas_object(y, index=True).to_numpy().tobytes())
    if pilote is not None:
        h.update(pd.util.hash_pandas_object(pilote.round(6), index=True).to_numpy().tobytes())
    h.update(json.dumps(reglages, sort_keys=True).encode())
    return h.hexdigest()


def _resultats_precedents(sortie: Path) -> dict[str, str]:
    """`id_serie -> empreinte` of the previous run's file, if it is readable."""
    if not sortie.exists():
        return {}
    try:
        con = duckdb.connect(str(sortie), read_only=True)
    except duckdb.Error:
        return {}
    try:
        return dict(con.execute("select id_serie, empreinte from prevision_serie").fetchall())
    except duckdb.Error:
        return {}  # a file from an older version, without hashes: recompute everything
    finally:
        con.close()


def _series(con: duckdb.DuckDBPyConnection) -> tuple[dict[str, pd.Series], pd.DataFrame]:
    observations = base.requete(con, "previsions_series")
    series = {}
    for id_serie, groupe in observations.groupby("id_serie", sort=True):
        frequence = "MS" if groupe["frequence"].iloc[0] == "mensuelle" else "YS"
        y = pd.Series(
            groupe["valeur"].to_numpy(float),
            index=pd.DatetimeIndex(groupe["periode"]),
            name=id_serie,
        )
        series[id_serie] = y.asfreq(frequence)  # missing months become NaN, as the model expects
    meta = observations.drop_duplicates("id_serie").set_index("id_serie")
    return series, meta


def _pilote_mensuel(
    con: duckdb.DuckDBPyConnection,
    niveau: str,
    code: str,
    age_min: int,
    age_max: int,
    debut: pd.Timestamp,
    fin: pd.Timestamp,
) -> pd.Series | None:
    """Yearly population at 1 January interpolated to months (linear), from `debut` to `fin`."""
    annuelle = base.requete(
        con,
        "previsions_population_pilote",
        niveau=niveau,
        code=code,
        age_min=age_min,
        age_max=age_max,
    )
    if len(annuelle) < 2:
        return None
    points = pd.Series(
        annuelle["population"].to_numpy(float),
        index=pd.to_datetime(annuelle["annee"].astype(int).astype(str) + "-01-01"),
    )
    mois = pd.date_range(min(debut, points.index[0]), fin, freq="MS")
    x = points.index.asi8
    valeurs = np.interp(mois.asi8, x, points.to_numpy())  # flat beyond the last projected year
    return pd.Series(valeurs, index=mois).loc[debut:fin]


def _pilotes(con, series, meta):
    passe, futur, libelles = {}, {}, {}
    for id_serie, y in series.items():
        info = meta.loc[id_serie]
        regle = PILOTES.get(info["service"])
        if regle is None or y.index.freqstr != "MS":
            continue
        niveau, age_min, age_max, mots = regle
        code = info["code_commune"] if niveau == "commune" else info["code_epci"]
        if code is None or (isinstance(code, float) and np.isnan(code)):
            continue
        fin = y.index[-1] + pd.DateOffset(months=HORIZON_MOIS)
        pilote = _pilote_mensuel(con, niveau, code, age_min, age_max, y.index[0], fin)
        if pilote is None:
            continue
        passe[id_serie] = pilote.loc[: y.index[-1]].reindex(y.index).interpolate().bfill()
        futur[id_serie] = pilote.loc[y.index[-1] + pd.DateOffset(months=1) :].iloc[:HORIZON_MOIS]
        libelles[id_serie] = mots
    return passe, futur, libelles


def _ecrire(
    con: duckdb.DuckDBPyConnection, resultats: dict[str, ResultatPrevision], libelles, empreintes
) -> None:
    series, previsions, backtests, diagnostics = [], [], [], []
    for id_serie, r in resultats.items():
        reference = r.mase("naive_saisonniere") if not r.backtest.empty else None
        series.append(
            dict(
                id_serie=id_serie,
                statut=r.statut,
                modele=r.modele,
                libelle_modele=r.libelle_modele,
                mase_retenu=r.mase() if r.modele and not r.backtest.empty else None,
                mase_reference=reference,
                horizon_backtest=r.horizon_backtest or None,
                drapeaux=",".join(r.drapeaux),
                pilote=libelles.get(id_serie),
                duree_s=r.duree_s,
                empreinte=empreintes[id_serie],
                reprise=False,
            )
        )
        if not r.prevision.empty:
            previsions.append(r.prevision.assign(id_serie=id_serie, modele=r.modele))
        if not r.backtest.empty:
            backtests.append(r.backtest.assign(id_serie=id_serie))
        diagnostics.extend(
            dict(
                id_serie=id_serie, niveau=d.niveau, code=d.code, message=d.message, modele=d.modele
            )
            for d in r.diagnostics
        )
    tables = {
        "prevision_serie": pd.DataFrame(series),
        "prevision_usage": pd.concat(previsions) if previsions else None,
        "backtest_usage": pd.concat(backtests) if backtests else None,
        "prevision_diagnostic": pd.DataFrame(diagnostics) if diagnostics else None,
    }
    for table, cadre in tables.items():
        if cadre is None or cadre.empty:
            continue
        colonnes = [
            c
            for (c,) in con.execute(
                "select column_name from information_schema.columns where table_name = ? "
                "order by ordinal_position",
                [table],
            ).fetchall()
        ]
        con.register("_cadre", cadre[colonnes])
        con.execute(f"insert into {table} select * from _cadre")  # table name from the dict above
        con.unregister("_cadre")


def calculer_previsions(
    chemin_base: Path | None = None,
    chemin_sortie: Path | None = None,
    processus: int | None = None,
    progression: Callable[[str, int, int], None] | None = None,
    candidats: list[str] | None = None,
    executeur: Executeur | None = None,
    series_retenues: list[str] | None = None,
) -> Rapport:
    """Forecast every usage series and replace the forecasts file atomically.

    Args:
        chemin_base: the built database to read (default: the current one).
        chemin_sortie: the forecasts file (default `data/previsions.duckdb`).
        processus: worker processes (default: all cores).
        progression: called `(id_serie, faites, total)` after each series.
        candidats: restrict the candidate models (registry names); default: all of them.
        executeur: where the series are computed (`models.execution`: local processes or a Dask
            cluster, the same code path); default `processus` local processes.
        series_retenues: forecast only these series (a sample, for the scale bench).
    """
    debut = time.perf_counter()
    horodatage = pd.Timestamp.now()
    chemin_base = Path(chemin_base or chemins.chemin_base())
    sortie = Path(chemin_sortie or chemins.chemin_previsions())
    con = lecture.ouvrir_catalogue(chemin_base)
    try:
        series, meta = _series(con)
        if series_retenues is not None:
            series = {k: v for k, v in series.items() if k in set(series_retenues)}
        passe, futur, libelles = _pilotes(con, series, meta)
    finally:
        con.close()
    reglages = {"horizon": HORIZON_MOIS, "candidats": candidats, "version": 1}
    empreintes = {
        id_serie: empreinte_serie(y, passe.get(id_serie), reglages)
        for id_serie, y in series.items()
    }
    anciennes = _resultats_precedents(sortie)
    reprises = [i for i in series if anciennes.get(i) == empreintes[i]]
    a_prevoir = {i: y for i, y in series.items() if i not in reprises}
    resultats = {}
    if a_prevoir:
        resultats = prevoir_lot(
            a_prevoir,
            HORIZON_MOIS,
            exog_past=passe,
            exog_future=futur,
            n_jobs=processus,
            rappel=progression,
            executeur=executeur,
            **({"candidats": candidats} if candidats else {}),
        )

    provisoire = sortie.with_name(f"{sortie.name}.tmp-{os.getpid()}")
    provisoire.unlink(missing_ok=True)
    integrite.nettoyer_provisoires(sortie)  # left by a batch killed before its rename
    ecriture = duckdb.connect(str(provisoire))
    try:
        ecriture.execute(FICHIER_SCHEMA.read_text(encoding="utf-8"))
        _ecrire(ecriture, resultats, libelles, empreintes)
        if reprises:
            _reprendre(ecriture, sortie, reprises)
        ecriture.execute(
            "insert into prevision_calcul values (1, ?, current_timestamp, ?, ?, ?)",
            [
                horodatage,
                HORIZON_MOIS,
                json.dumps({"processus": processus, "series": len(series)}),
                construction.empreinte(chemin_base),
            ],
        )
        ecriture.execute("checkpoint")
        ecriture.close()
    except BaseException:
        ecriture.close()
        provisoire.unlink(missing_ok=True)
        raise
    with verrou.ecriture(chemin_base, "enregistrement des prévisions"):  # issue 16
        os.replace(provisoire, sortie)
    con = duckdb.connect(str(sortie), read_only=True)
    statuts = [statut for (statut,) in con.execute("select statut from prevision_serie").fetchall()]
    con.close()
    return Rapport(
        chemin=sortie,
        series=len(series),
        prevues=statuts.count("ok"),
        interrompues=statuts.count("serie_interrompue"),
        erreurs=statuts.count("erreur"),
        duree_s=time.perf_counter() - debut,
        reprises=len(reprises),
    )


def _reprendre(ecriture: duckdb.DuckDBPyConnection, ancien: Path, reprises: list[str]) -> None:
    """Copy the stored results of unchanged series from the previous file into the new one."""
    ecriture.execute("attach $chemin as ancien (read_only)", {"chemin": str(ancien)})
    ecriture.execute(
        "create temporary table reprises as select unnest($ids) as id_serie", {"ids": reprises}
    )
    ecriture.execute(
        "insert into prevision_serie by name select * replace (true as reprise) "
        "from ancien.prevision_serie where id_serie in (select id_serie from reprises)"
    )
    for table in TABLES_PAR_SERIE:  # names from the constant above, never from input
        ecriture.execute(
            f"insert into {table} by name select * from ancien.{table} "
            "where id_serie in (select id_serie from reprises)"
        )
    ecriture.execute("detach ancien")
