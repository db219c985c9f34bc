"""Les prévisions d'usage entre la base et `models.prevision` : le lot derrière
`python -m vigie forecast` et le calcul des prévisions de la démonstration à la construction.

Lit toutes les séries d'usage de la base construite, offre à SARIMAX la population concernée
comme variable explicative (observée, puis projetée dans le scénario central ; par exemple les
enfants de 3 à 10 ans pour la restauration scolaire, les habitants de l'EPCI pour l'eau et les
déchets), laisse le backtest à origine glissante choisir le modèle de chaque série contre les
références naïves, et écrit prévisions, backtests et diagnostics en français dans leur propre
fichier (`data/previsions.duckdb`), construit dans un fichier provisoire puis renommé : l'application
lit les prévisions précédentes jusqu'à ce que les nouvelles soient complètes.

Une série n'est « interrompue » que si son équipement a fermé ou si elle s'arrête alors que ses
pairs (même service, même source) continuent (issue 20) ; une série importée seule est prévue
jusqu'à sa propre dernière valeur. Le SQL est dans `sql/resultats/` et `sql/queries/`.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from models.execution import Executeur
from models.prevision import ResultatPrevision, prevoir_lot
from vigie import chemins
from vigie.stockage import base, catalogue_services, disque, integrite, lecture, verrou

HORIZON_MOIS = 36  # trois ans : le cycle budgétaire d'une commune, fourchettes qui s'élargissent
#: Version de la méthode : la changer fait recalculer toutes les séries (empreintes différentes).
VERSION_METHODE = 2


@dataclass
class Rapport:
    """Ce qu'un lot de prévisions a produit."""

    chemin: Path
    series: int
    prevues: int
    interrompues: int
    erreurs: int
    duree_s: float
    reprises: int = 0


#: Tables écrites par série (liste fixe : seuls ces noms sont mis en forme dans le SQL).
TABLES_PAR_SERIE = ("prevision_usage", "backtest_usage", "prevision_diagnostic")
TABLES = ("prevision_serie", *TABLES_PAR_SERIE)


def empreinte_serie(y: pd.Series, pilote: pd.Series | None, reglages: dict) -> str:
    """Ce dont dépend la prévision d'une série : ses valeurs, sa variable explicative, les réglages."""
    h = hashlib.sha256()
    h.update(pd.util.hash_pandas_object(y, index=True).to_numpy().tobytes())
    if pilote is not None:
        h.update(pd.util.hash_pandas_object(pilote.round(6), index=True).to_numpy().tobytes())
    h.update(json.dumps(reglages, sort_keys=True).encode())
    return h.hexdigest()


def _resultats_precedents(sortie: Path) -> dict[str, str]:
    """`id_serie -> empreinte` du fichier du calcul précédent, s'il est lisible."""
    if not sortie.exists():
        return {}
    try:
        con = base.ouvrir(sortie, lecture_seule=True)
    except base.ErreurBase:
        return {}
    try:
        return dict(base.executer(con, "resultats/empreintes_precedentes").fetchall())
    except base.ErreurBase:
        return {}  # fichier d'une version plus ancienne, sans empreintes : tout recalculer
    finally:
        con.close()


def _series(con: base.Connexion) -> tuple[dict[str, pd.Series], pd.DataFrame]:
    """Les séries d'usage de la base (index régulier, mois manquants en NaN) et leurs attributs."""
    observations = base.requete(con, "previsions_series")
    series = {}
    for id_serie, groupe in observations.groupby("id_serie", sort=True):
        frequence = "MS" if groupe["frequence"].iloc[0] == "mensuelle" else "YS"
        y = pd.Series(
            groupe["valeur"].to_numpy(float),
            index=pd.DatetimeIndex(groupe["periode"]),
            name=id_serie,
        )
        series[id_serie] = y.asfreq(frequence)  # mois manquants en NaN, comme le modèle l'attend
    meta = observations.drop_duplicates("id_serie").set_index("id_serie")
    return series, meta


def groupes_et_fermetures(meta: pd.DataFrame) -> tuple[dict[str, str], dict[str, int]]:
    """Pairs de chaque série (même service, même source) et année de fermeture des équipements.

    Une série importée par l'utilisateur a sa propre source : elle n'a pour pairs que les séries
    du même service de son fichier, jamais celles de la démonstration.
    """
    groupes = {str(i): f"{ligne.service}|{ligne.id_source}" for i, ligne in meta.iterrows()}
    fermetures = {
        str(i): int(ligne.annee_fermeture)
        for i, ligne in meta.iterrows()
        if pd.notna(ligne.annee_fermeture)
    }
    return groupes, fermetures


def _pilote_mensuel(
    con: base.Connexion,
    niveau: str,
    code: str,
    age_min: int,
    age_max: int,
    debut: pd.Timestamp,
    fin: pd.Timestamp,
) -> pd.Series | None:
    """Population annuelle au 1er janvier interpolée au mois (linéaire), de `debut` à `fin`."""
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
    valeurs = np.interp(mois.asi8, x, points.to_numpy())  # plat après la dernière année projetée
    return pd.Series(valeurs, index=mois).loc[debut:fin]


def _pilotes(con, series, meta):
    """Population passée et future offerte à chaque série mensuelle d'un service à pilote."""
    passe, futur, libelles = {}, {}, {}
    # Quelle population porte l'usage de chaque service : le registre des services (colonnes
    # pilote et groupes_age de data/reference/services.csv).
    pilotes = catalogue_services.pilotes()
    for id_serie, y in series.items():
        info = meta.loc[id_serie]
        regle = pilotes.get(info["service"])
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
    con: base.Connexion, resultats: dict[str, ResultatPrevision], libelles, empreintes
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
            c for (c,) in base.executer(con, "resultats/colonnes_table", table=table).fetchall()
        ]
        con.register("_cadre", cadre[colonnes])
        if table not in TABLES:  # seul un nom de la liste fixe est mis en forme dans le SQL
            raise ValueError(f"table de résultats inconnue : {table}")
        con.execute(base.texte_sql("resultats/inserer_cadre").format(table=table))
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
    """Prévoit toutes les séries d'usage et remplace le fichier des prévisions d'un coup.

    Args:
        chemin_base: la base construite à lire (défaut : la base courante).
        chemin_sortie: le fichier des prévisions (défaut `data/previsions.duckdb`).
        processus: processus de calcul (défaut : tous les cœurs).
        progression: appelée `(id_serie, faites, total)` après chaque série.
        candidats: restreindre les modèles candidats (noms du registre) ; défaut : ceux du
            registre marqués par défaut.
        executeur: où calculer (`models.execution` : processus locaux ou cluster Dask, le même
            chemin de code) ; défaut : `processus` processus locaux.
        series_retenues: ne prévoir que ces séries (un échantillon, pour le banc d'échelle).
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
    groupes, fermetures = groupes_et_fermetures(meta)
    reglages = {"horizon": HORIZON_MOIS, "candidats": candidats, "version": VERSION_METHODE}
    empreintes = {
        id_serie: empreinte_serie(
            y,
            passe.get(id_serie),
            reglages | {"groupe": groupes.get(id_serie), "fermeture": fermetures.get(id_serie)},
        )
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
            groupes=groupes,
            fermetures=fermetures,
            n_jobs=processus,
            rappel=progression,
            executeur=executeur,
            **({"candidats": candidats} if candidats else {}),
        )

    with disque.ecriture(
        "enregistrement des prévisions", sortie.parent, disque.PREVISIONS_INTACTES
    ):
        _enregistrer(
            sortie,
            chemin_base,
            resultats,
            libelles,
            empreintes,
            reprises,
            horodatage,
            processus,
            len(series),
        )
    con = base.ouvrir(sortie, lecture_seule=True)
    statuts = [statut for (statut,) in base.executer(con, "resultats/statuts").fetchall()]
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


def _enregistrer(
    sortie, chemin_base, resultats, libelles, empreintes, reprises, horodatage, processus, series
) -> None:
    """Écrit les prévisions dans un provisoire, puis le renomme sur `sortie` sous le verrou ; une
    erreur (un disque plein) efface le provisoire et son journal, `sortie` reste tel quel."""
    provisoire = sortie.with_name(f"{sortie.name}.tmp-{os.getpid()}")
    provisoire.unlink(missing_ok=True)
    integrite.nettoyer_provisoires(sortie)  # laissés par un lot tué avant son renommage
    ecriture = base.ouvrir(provisoire)
    try:
        ecriture.execute(base.texte_sql("resultats/previsions"))
        _ecrire(ecriture, resultats, libelles, empreintes)
        if reprises:
            _reprendre(ecriture, sortie, reprises)
        base.executer(
            ecriture,
            "resultats/calcul_enregistrer",
            debut=horodatage,
            horizon=HORIZON_MOIS,
            parametres=json.dumps({"processus": processus, "series": series}),
            base_sha256=integrite.empreinte(chemin_base),
        )
        base.executer(ecriture, "resultats/point_de_controle")
        ecriture.close()
    except BaseException:
        try:
            ecriture.close()
        finally:
            integrite.liberer(provisoire)  # le provisoire et son journal (.wal)
        raise
    with verrou.ecriture(chemin_base, "enregistrement des prévisions"):  # issue 16
        os.replace(provisoire, sortie)


def _reprendre(ecriture: base.Connexion, ancien: Path, reprises: list[str]) -> None:
    """Recopie du fichier précédent les résultats des séries inchangées."""
    base.executer(ecriture, "resultats/reprise_attacher", chemin=str(ancien))
    base.executer(ecriture, "resultats/reprise_series", ids=reprises)
    base.executer(ecriture, "resultats/reprise_prevision_serie")
    for table in TABLES_PAR_SERIE:  # noms de la liste fixe, jamais d'une saisie
        ecriture.execute(base.texte_sql("resultats/reprise_table").format(table=table))
    base.executer(ecriture, "resultats/reprise_detacher")


def calculer_previsions_demo(
    chemin_base: Path,
    chemin_sortie: Path | None = None,
    processus: int | None = 2,
    progression: Callable[[str, int, int], None] | None = None,
) -> Rapport:
    """Les prévisions de la démonstration, à appeler par la construction de la base.

    Le même calcul que `python -m vigie forecast` (tous les candidats par défaut), sur des
    processus locaux libérés à la fin : aucun processus ne reste derrière. Mesuré par
    `bench/bench_previsions_demo.py` (objectif : moins de 60 s sur 2 cœurs). Une série inchangée
    depuis le calcul précédent reprend ses résultats : relancer la construction ne recalcule que
    ce qui a changé.

    Args:
        chemin_base: la base de démonstration construite.
        chemin_sortie: le fichier des prévisions (défaut : `data/previsions.duckdb`).
        processus: processus de calcul (2 par défaut ; 1 : dans le processus courant).
        progression: appelée `(id_serie, faites, total)` après chaque série.
    """
    return calculer_previsions(chemin_base, chemin_sortie, processus, progression)
