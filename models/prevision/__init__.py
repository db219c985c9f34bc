"""Prévision des séries d'usage des services (partie 1 de l'issue 5).

Chaîne pour une série : préparation (trous, zéros, ouverture/fermeture, rupture, choc 2020 ;
:mod:`.preparation`) → backtest à origine glissante des candidats du registre et de leur
combinaison, à l'horizon que la page montre, préparation refaite à chaque origine
(:mod:`.registre`, :mod:`.backtest`, mesures de :mod:`.mesures`) → ajustement du modèle retenu
(le plus simple à 2 % près du meilleur MASE) sur toute la série → intervalles recalés sur les
erreurs du backtest → garde-fous (:mod:`.garde_fous`) → résultat avec diagnostics en français
(:mod:`.diagnostics`).

API publique :

- :func:`prevoir_serie` : une série → :class:`ResultatPrevision` ;
- :func:`prevoir_lot` : un lot de séries, en processus parallèles (``concurrent.futures``) ;
- :func:`prevoir` (:mod:`.registre`) : l'appel direct d'un candidat du registre.

Références : Hyndman & Athanasopoulos, *Forecasting: principles and practice* (FPP3) pour les
références, ETS, ARIMA, la validation croisée temporelle et le MASE ; Hyndman & Koehler (2006) pour
le MASE ; Assimakopoulos & Nikolopoulos (2000) pour Thêta ; Harvey (1989) pour les composantes
inobservées.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import pandas as pd

from models import execution
from models.execution import Executeur

from . import mesures
from .backtest import (
    COLONNES_BACKTEST,
    N_ORIGINES,
    ajuster,
    backtester,
    meilleure_reference,
    recaler,
)
from .contrat import (
    ANNUELLE,
    COLONNES,
    Prevision,
    cadre_vide,
    frequence_serie,
    index_futur,
    verifier_horizon,
)
from .diagnostics import Diagnostic, regrouper
from .garde_fous import borner_comptages, explosion
from .preparation import SeriePreparee, preparer_serie
from .registre import COMBINAISON, REFERENCES, REGISTRE, candidats_pour, combiner, prevoir

__all__ = [
    "COLONNES",
    "fins_attendues",
    "Diagnostic",
    "ResultatPrevision",
    "REGISTRE",
    "prevoir",
    "prevoir_lot",
    "prevoir_serie",
]

#: Horizon de sélection par défaut : celui que la page montre (36 mois), ou 3 ans en annuel ;
#: jamais plus que l'horizon demandé.
HORIZON_SELECTION = {"MS": 36, ANNUELLE: 3}


@dataclass
class ResultatPrevision:
    """Résultat de la prévision d'une série.

    Attributes:
        modele: nom du candidat retenu (registre), ``None`` si aucune prévision.
        libelle_modele: son libellé français.
        prevision: cadre long (colonnes ``periode, moyenne, bas_80, haut_80, bas_95, haut_95``).
        backtest: une ligne par candidat et horizon (``modele, horizon, mase, smape,
            couverture_80, couverture_95, retenu``) ; ``retenu`` marque le modèle de la prévision.
        diagnostics: constats en français (préparation, avertissements de statsmodels, échecs).
        drapeaux: constats courts : ``'repli_sur_reference'``, ``'reference_retenue'``,
            ``'sans_backtest'``, ``'serie_interrompue'``, ``'mois_manquants'``, ``'choc_2020'``,
            ``'rupture_de_niveau'``, ``'ouverture_tardive'``, ``'courte'``, ``'tres_courte'``,
            ``'intermittente'``.
        statut: ``'ok'``, ``'serie_interrompue'`` ou ``'erreur'`` (lot seulement).
        horizon_backtest: horizon de sélection effectivement utilisé.
        origines: dernière période d'apprentissage de chaque origine du backtest.
        duree_s: temps de calcul total de la série (secondes).
        durees_modeles: temps cumulé par candidat (backtest et ajustement final).
        previsions_candidats: avec ``tous_les_candidats=True`` (bancs d'essai), la prévision finale
            de chaque candidat mesuré au backtest, intervalles recalés ; vide sinon.
    """

    modele: str | None
    libelle_modele: str
    prevision: pd.DataFrame
    backtest: pd.DataFrame
    diagnostics: list[Diagnostic] = field(default_factory=list)
    drapeaux: list[str] = field(default_factory=list)
    statut: str = "ok"
    horizon_backtest: int = 0
    origines: list[pd.Timestamp] = field(default_factory=list)
    duree_s: float = 0.0
    durees_modeles: dict[str, float] = field(default_factory=dict)
    previsions_candidats: dict[str, pd.DataFrame] = field(default_factory=dict)

    @property
    def repli_sur_reference(self) -> bool:
        """Vrai si la prévision est celle d'une référence faute d'un modèle crédible."""
        return "repli_sur_reference" in self.drapeaux

    def mase(self, modele: str | None = None) -> float:
        """MASE au backtest, à l'horizon de sélection, du modèle retenu (ou de ``modele``)."""
        nom = modele or self.modele
        t = self.backtest
        t = t[(t["modele"] == nom) & (t["horizon"] == self.horizon_backtest)]
        return float(t["mase"].iloc[0]) if len(t) else float("nan")


def _aligner_exogene(
    prep: SeriePreparee, horizon: int, exog_past: pd.Series | None, exog_future: pd.Series | None
) -> pd.Series | None:
    """Population sur le passé préparé et les ``horizon`` périodes futures, ou erreur claire."""
    if exog_past is None and exog_future is None:
        return None
    if exog_past is None or exog_future is None:
        manquant = "exog_future" if exog_future is None else "exog_past"
        raise ValueError(
            f"Paramètre « {manquant} » : exog_past et exog_future vont ensemble (passé aligné sur y, "
            "futur sur les périodes à prévoir)."
        )
    futur = index_futur(prep.y, horizon, prep.frequence)
    for nom, serie, attendu in (
        ("exog_past", exog_past, prep.y.index),
        ("exog_future", exog_future, futur),
    ):
        if not isinstance(serie, pd.Series) or not isinstance(serie.index, pd.DatetimeIndex):
            raise ValueError(
                f"Paramètre « {nom} » : une pandas.Series indexée par date est attendue."
            )
        absentes = attendu.difference(serie.dropna().index)
        if nom == "exog_past" and len(absentes):
            # Un trou ponctuel du passé s'interpole ; une période non couverte est une erreur.
            couvert = serie.dropna()
            if attendu.min() < couvert.index.min() or attendu.max() > couvert.index.max():
                raise ValueError(
                    f"Paramètre « {nom} » : doit couvrir la période de y "
                    f"({attendu.min():%Y-%m} à {attendu.max():%Y-%m})."
                )
        elif len(absentes):
            raise ValueError(
                f"Paramètre « {nom} » : valeurs attendues pour les {horizon} périodes à prévoir "
                f"({futur.min():%Y-%m} à {futur.max():%Y-%m}) ; manquent par exemple {absentes[0]:%Y-%m}."
            )
    tout = pd.concat([exog_past.astype(float), exog_future.astype(float)])
    tout = tout[~tout.index.duplicated(keep="last")].sort_index()
    index = prep.y.index.append(futur)
    return tout.reindex(tout.index.union(index)).interpolate(method="time").reindex(index)


def _interrompue(prep: SeriePreparee, duree: float) -> ResultatPrevision:
    return ResultatPrevision(
        None,
        "Pas de prévision (série interrompue)",
        cadre_vide(),
        pd.DataFrame(columns=list(COLONNES_BACKTEST)),
        regrouper(prep.diagnostics),
        list(prep.drapeaux),
        "serie_interrompue",
        duree_s=duree,
    )


def prevoir_serie(
    y: pd.Series,
    horizon: int,
    exog_past: pd.Series | None = None,
    exog_future: pd.Series | None = None,
    seasonal_period: int = 12,
    is_count: bool = True,
    *,
    horizon_backtest: int | None = None,
    n_origines: int = N_ORIGINES,
    candidats: list[str] | None = None,
    fin_attendue: pd.Timestamp | None = None,
    annee_fermeture: int | None = None,
    maxiter: int | None = None,
    tous_les_candidats: bool = False,
) -> ResultatPrevision:
    """Prévoit une série d'usage, modèle choisi par backtest, avec intervalles et garde-fous.

    Args:
        y: série observée, index mensuel ('MS', premier du mois) ou annuel ('YS') ; trous permis.
        horizon: nombre de périodes à prévoir (> 0).
        exog_past: variable explicative (population projetée concernée) alignée sur ``y``.
        exog_future: la même sur les ``horizon`` périodes futures.
        seasonal_period: longueur de saison d'une série mensuelle (12) ; ignorée en annuel.
        is_count: série de comptages : ni valeur négative en entrée, ni prévision négative.
        horizon_backtest: horizon de sélection (par défaut 36 mois, ou 3 ans ; au plus ``horizon``).
        n_origines: nombre d'origines du backtest (4 par défaut, espacées d'une saison).
        candidats: restreindre aux candidats nommés (les références restent calculées) ; la
            combinaison n'est mesurée que si elle est nommée ou si ``candidats`` est ``None``.
        fin_attendue: dernière période attendue (celle des pairs de la série) ; une série qui
            s'arrête avant est interrompue. ``None`` : pas de fin attendue.
        annee_fermeture: année de fermeture de l'équipement ; la série est alors interrompue.
        maxiter: itérations d'optimisation des modèles (défaut du module ``candidats``).
        tous_les_candidats: ajuster aussi sur toute la série chaque candidat mesuré (pour les
            bancs d'essai : ``previsions_candidats``) ; plus lent.

    Returns:
        Un :class:`ResultatPrevision` ; sa prévision est vide si la série est interrompue.

    Raises:
        ValueError: ``y`` vide ou non mensuelle/annuelle, ``horizon`` non positif, variables
            explicatives incomplètes ; le message, en français, nomme le paramètre.
    """
    t0 = time.perf_counter()
    horizon = verifier_horizon(horizon)
    frequence_serie(y, "y")
    if horizon_backtest is not None:
        verifier_horizon(horizon_backtest, "horizon_backtest")
    if not isinstance(n_origines, int) or n_origines < 1:
        raise ValueError(f"Paramètre « n_origines » : entier ≥ 1 attendu (reçu {n_origines!r}).")
    if candidats is not None:
        inconnus = [c for c in candidats if c not in REGISTRE]
        if inconnus:
            raise ValueError(
                f"Paramètre « candidats » : inconnus {inconnus} ; choix possibles : {', '.join(REGISTRE)}."
            )
    prep = preparer_serie(
        y,
        seasonal_period=seasonal_period,
        fin_attendue=fin_attendue,
        is_count=is_count,
        annee_fermeture=annee_fermeture,
    )
    if prep.statut != "ok":
        return _interrompue(prep, time.perf_counter() - t0)
    population = _aligner_exogene(prep, horizon, exog_past, exog_future)

    journal = list(prep.diagnostics)
    drapeaux = list(prep.drapeaux)
    options = {"maxiter": maxiter} if maxiter else {}
    liste = candidats_pour(prep, avec_exogene=population is not None, noms=candidats)
    h_sel = min(horizon_backtest or HORIZON_SELECTION[prep.frequence], horizon)
    bt = backtester(
        prep,
        liste,
        h_sel,
        journal,
        n_origines=n_origines,
        population=population,
        is_count=is_count,
        combinaison=candidats is None or COMBINAISON in candidats,
        **options,
    )
    disponibles = [c.nom for c in liste]
    refs = [r for r in REFERENCES if r in disponibles]
    if bt.retenu is None:
        choix = "naive" if prep.tres_courte or not prep.saisonniere else "naive_saisonniere"
        choix = choix if choix in disponibles else refs[0]
        drapeaux.append("sans_backtest")
        journal.append(
            Diagnostic(
                "avertissement",
                "sans_backtest",
                "Série trop courte pour un backtest : la méthode de référence est utilisée, sans "
                "mesure de précision.",
            )
        )
    else:
        choix = bt.retenu

    durees = dict(bt.durees)
    # Échelle MASE de toute la série : unité des niveaux d'intervalle recalés (backtest.recaler).
    echelle_finale = mesures.echelle_mase(prep.y_corrigee.to_numpy(), prep.periode_saisonniere)

    def finale(nom: str) -> Prevision | None:
        """Ajustement final de ``nom`` sur toute la série, intervalles recalés par le backtest."""
        t1 = time.perf_counter()
        if nom == COMBINAISON:
            morceaux = [finale_brute(c) for c in bt.constituants]
            morceaux = [p for p in morceaux if p is not None]
            brute = combiner(morceaux) if len(morceaux) == len(bt.constituants) else None
        else:
            brute = finale_brute(nom)
        durees[nom] = durees.get(nom, 0.0) + time.perf_counter() - t1
        return None if brute is None else recaler(brute, bt.facteurs_de(nom), echelle_finale)

    def finale_brute(nom: str) -> Prevision | None:
        return ajuster(
            REGISTRE[nom],
            prep,
            len(prep.y),
            horizon,
            journal,
            population=population,
            memoire=bt.memoires.get(nom),
            **options,
        )

    prev = finale(choix)
    motif = (
        "échec de l'ajustement final"
        if prev is None
        else explosion(prev, prep.observee, prep.periode_saisonniere)
    )
    if motif is not None and choix not in REFERENCES:
        repli = meilleure_reference(bt, refs)
        journal.append(
            Diagnostic(
                "avertissement",
                "repli_sur_reference",
                f"{REGISTRE[choix].libelle} écarté ({motif}) : repli sur la méthode de référence "
                f"« {REGISTRE[repli].libelle} ».",
                choix,
            )
        )
        drapeaux.append("repli_sur_reference")
        choix = repli
        prev = finale(choix)
    if prev is None:  # même la référence a échoué : ne devrait pas arriver
        raise RuntimeError("aucune prévision possible, même par la méthode de référence")
    prev = prev.cadre()
    if is_count:
        prev = borner_comptages(prev)
    if choix in REFERENCES and "repli_sur_reference" not in drapeaux:
        drapeaux.append("reference_retenue")

    autres: dict[str, pd.DataFrame] = {}
    if tous_les_candidats:
        for nom in bt.tableau["modele"].unique():
            p = prev if nom == choix else finale(nom)
            if p is not None:
                p = Prevision.depuis(p).cadre() if nom != choix else p
                autres[nom] = borner_comptages(p) if is_count else p

    tableau = bt.tableau.copy()
    tableau["retenu"] = tableau["modele"] == choix
    return ResultatPrevision(
        choix,
        REGISTRE[choix].libelle,
        prev.reset_index(drop=True),
        tableau,
        regrouper(journal),
        drapeaux,
        "ok",
        bt.horizon,
        bt.origines,
        time.perf_counter() - t0,
        durees,
        autres,
    )


def _tache(args: tuple) -> tuple[str, ResultatPrevision]:
    """Une série du lot (fonction de premier niveau, donc sérialisable pour les processus)."""
    cle, y, horizon, xp, xf, kw = args
    try:
        return cle, prevoir_serie(y, horizon, xp, xf, **kw)
    except (ValueError, RuntimeError) as exc:
        diag = Diagnostic("erreur", "entree_invalide", f"Série « {cle} » : {exc}")
        return cle, ResultatPrevision(
            None, "Pas de prévision (erreur)", cadre_vide(), pd.DataFrame(), [diag], [], "erreur"
        )


def _appliquer(ex: Executeur, taches, series, rappel) -> list[tuple[str, ResultatPrevision]]:
    cles = list(series)
    suivi = None
    if rappel:

        def suivi(indice: int, faites: int, total: int) -> None:
            rappel(cles[indice], faites, total)

    return ex.appliquer(_tache, taches, suivi)


def fins_attendues(
    series: dict[str, pd.Series], groupes: dict[str, str] | None
) -> dict[str, pd.Timestamp | None]:
    """Fin attendue de chaque série : la dernière période de ses **pairs** (même groupe, hors
    elle-même), ou ``None`` sans pair.

    Une série n'est « interrompue » que si elle s'arrête alors que ses pairs continuent (issue 20 :
    la fin de tout le lot rendait « interrompue » toute série importée finissant avant la démo).
    Les séries valides seules comptent (les autres seront en erreur).
    """
    fins: dict[str, pd.Timestamp] = {}
    for cle, y in series.items():
        try:
            frequence_serie(y)
        except ValueError:
            continue
        fins[cle] = y.dropna().index.max()
    groupes = groupes or {}
    par_groupe: dict[str, list[str]] = {}
    for cle in fins:
        if cle in groupes:
            par_groupe.setdefault(groupes[cle], []).append(cle)
    sortie: dict[str, pd.Timestamp | None] = {}
    for cle in series:
        pairs = [p for p in par_groupe.get(groupes.get(cle), []) if p != cle]
        sortie[cle] = max(fins[p] for p in pairs) if pairs and cle in groupes else None
    return sortie


def prevoir_lot(
    series: dict[str, pd.Series],
    horizon: int,
    *,
    exog_past: dict[str, pd.Series] | None = None,
    exog_future: dict[str, pd.Series] | None = None,
    seasonal_period: int = 12,
    is_count: bool = True,
    n_jobs: int | None = None,
    fin_attendue: pd.Timestamp | str | None = "auto",
    groupes: dict[str, str] | None = None,
    fermetures: dict[str, int] | None = None,
    rappel: Callable[[str, int, int], None] | None = None,
    executeur: Executeur | None = None,
    **options,
) -> dict[str, ResultatPrevision]:
    """Prévoit un lot de séries, en parallèle sur ``n_jobs`` processus ou sur ``executeur``.

    Une série en erreur (entrée invalide) n'arrête pas le lot : son résultat a le statut
    ``'erreur'`` et un diagnostic.

    Args:
        series: séries par identifiant (``id_serie``).
        horizon: nombre de périodes à prévoir.
        exog_past, exog_future: population projetée par identifiant de série (facultatif).
        seasonal_period, is_count: comme :func:`prevoir_serie`.
        n_jobs: nombre de processus (défaut : tous les cœurs ; 1 : dans le processus courant).
        fin_attendue: ``'auto'`` = dernière période des pairs de chaque série (même groupe de
            ``groupes``) ; une date commune à tout le lot ; ``None`` pour ne pas tester.
        groupes: groupe de chaque série (service et source, par exemple) ; sans groupe, une série
            n'a pas de pair et n'est jamais interrompue faute de données récentes.
        fermetures: année de fermeture de l'équipement des séries concernées.
        rappel: appelé ``rappel(id_serie, faits, total)`` après chaque série (barre de progression).
        executeur: où calculer (:mod:`models.execution` : processus locaux, cluster Dask) ; par
            défaut, ``n_jobs`` processus locaux créés pour ce lot.
        **options: passées à :func:`prevoir_serie` (``n_origines``, ``candidats``, ``maxiter``...).

    Returns:
        Les résultats par identifiant, dans l'ordre de ``series``.
    """
    horizon = verifier_horizon(horizon)
    if isinstance(fin_attendue, str) and fin_attendue == "auto":
        fins = fins_attendues(series, groupes)
    else:
        fins = dict.fromkeys(series, fin_attendue)
    fermetures = fermetures or {}
    kw = dict(options, seasonal_period=seasonal_period, is_count=is_count)
    xp, xf = exog_past or {}, exog_future or {}
    taches = [
        (
            cle,
            y,
            horizon,
            xp.get(cle),
            xf.get(cle),
            kw | {"fin_attendue": fins[cle], "annee_fermeture": fermetures.get(cle)},
        )
        for cle, y in series.items()
    ]
    if executeur is not None:
        sorties = _appliquer(executeur, taches, series, rappel)
    else:
        n_jobs = n_jobs or os.cpu_count() or 1
        n_jobs = 1 if len(taches) <= 1 else n_jobs
        with execution.executeur("processus", n_jobs) as ex:
            sorties = _appliquer(ex, taches, series, rappel)
    resultats: dict[str, ResultatPrevision] = dict(sorties)
    return {cle: resultats[cle] for cle in series}
