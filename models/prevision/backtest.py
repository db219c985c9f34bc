"""Backtest à origine glissante : chaque candidat est ajusté sur le passé et jugé sur la suite.

Méthode (FPP3, § 5.10 « time series cross-validation »), revue par l'issue 20 :

- **Origines** : :data:`N_ORIGINES` origines espacées d'une saison, à l'horizon que la page montre
  (36 mois par défaut) : les 36 mois qui suivent chaque origine sont comparés aux valeurs
  observées, soit jusqu'à 4 × 36 erreurs par candidat.
- **Sans fuite** : à chaque origine, la série est **préparée de nouveau avec les seules données
  d'avant l'origine** (trous, choc de 2020, rupture de niveau : :func:`.preparation.preparer_serie`),
  comme elle l'aurait été ce jour-là ; seules les bornes de la série (ouverture, rupture retenue
  sur toute la série) viennent de la préparation finale.
- **Ajustements réutilisés** : chaque candidat est estimé à la plus ancienne origine ; aux origines
  suivantes, ses paramètres sont gardés et la série seulement filtrée (aucune donnée postérieure à
  une origine n'entre dans ses paramètres, puisqu'ils viennent d'une origine plus ancienne) ;
  l'ajustement final part de ces paramètres (départ à chaud).
- **Mesures** : pour chaque horizon rapporté ``k`` (1, 3, 6, 12 et ``h`` mois), sur les pas 1 à
  ``k`` de toutes les origines : MASE (échelle naïve saisonnière de l'apprentissage de chaque
  origine, Hyndman & Koehler 2006), sMAPE, couvertures empiriques des intervalles à 80 % et 95 %
  du modèle (avant recalage). Si un choc de 2020 a été traité, ses mois sont exclus des mesures.
- **Combinaison** : moyenne, à chaque origine, des :data:`~.registre.TAILLE_COMBINAISON` meilleurs
  candidats (hors références), mesurée comme les autres, sans ajustement de plus.
- **Choix** (:func:`choisir`), parmi les candidats prévus à toutes les origines, au MASE à
  l'horizon ``h`` : la combinaison, sauf si un modèle seul la bat de plus de 10 % ; entre modèles
  seuls, tout candidat à moins de :data:`TOLERANCE` (2 %) du meilleur est à égalité et le plus
  simple (premier du registre) l'emporte : une différence de 1 à 3 % sur quelques origines n'est
  pas un signal (issue 20) ; une référence naïve n'est retenue que si elle bat nettement (25 %)
  tous les modèles. Règle choisie sur le banc ``bench/bench_prevision.py`` : sur 66 séries, choisir
  le plus petit MASE au backtest donnait un MASE moyen de 0,85 sur les mois cachés, la
  combinaison seule 0,81 (la reconduction saisonnière, souvent à égalité au backtest, était
  retenue pour 15 séries et perdait ensuite).
- **Intervalles recalés**, pour **chaque candidat** (combinaison et références comprises), par
  tranche de 12 pas, deux recalages tirés des erreurs du backtest puis moyennés
  géométriquement (:func:`recaler`) : (1) les erreurs en échelles MASE de leur origine, rapportées
  à la forme de l'intervalle du modèle (largeur relative de chaque pas dans sa tranche, de chaque
  côté), donnent un niveau, et la demi-largeur vaut ``niveau × échelle MASE de la série × forme`` ;
  (2) les erreurs rapportées à la demi-largeur du modèle donnent un facteur multiplicatif de
  celle-ci. Quantiles empiriques au rang ``(n + 1) q / n`` (Vovk et al. 2005 ; Romano et al.
  2019). Chacun seul se trompait dans un sens sur le banc (couverture à 80 % : (2) seul, ETS
  0,89-0,90 et Thêta 0,73 ; (1) seul, Thêta et SARIMA 0,88, références 0,75-0,77) ; la moyenne
  des deux tient chaque candidat dans 0,78-0,87 à 80 % et 0,93-0,97 à 95 %.

Les variables explicatives futures du backtest sont les valeurs connues (la population projetée
est supposée connue à l'horizon, comme dans son usage réel).
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from . import mesures
from .contrat import Prevision, index_futur
from .diagnostics import Diagnostic, capturer, echec
from .preparation import SeriePreparee, indicatrice_covid, preparer_serie
from .registre import COMBINAISON, REGISTRE, TAILLE_COMBINAISON, Candidat, applicable, combiner

#: Colonnes du tableau de backtest (table ``backtest_usage``).
COLONNES_BACKTEST = (
    "modele",
    "horizon",
    "mase",
    "smape",
    "couverture_80",
    "couverture_95",
    "retenu",
)
#: Nombre d'origines par défaut.
N_ORIGINES = 4
#: Écart relatif de MASE en deçà duquel deux modèles sont à égalité (le plus simple gagne).
TOLERANCE = 0.02
#: La combinaison est retenue si elle est à moins de 10 % du meilleur modèle seul.
TOLERANCE_COMBINAISON = 0.10
#: Une référence naïve n'est retenue que si elle bat le meilleur modèle de plus de 25 %.
AVANCE_REFERENCE = 0.25
#: Pas regroupés pour estimer un facteur de recalage des intervalles.
TRANCHE = 12
#: Bornes des facteurs de recalage (un backtest très court ne doit pas annuler un intervalle).
FACTEUR_MIN, FACTEUR_MAX = 0.3, 5.0
#: Points minimaux dans une tranche pour son propre facteur (sinon le facteur de toutes les tranches).
POINTS_MIN = 8

_VALEURS = ("moyenne", "bas_80", "haut_80", "bas_95", "haut_95")


@dataclass
class ResultatBacktest:
    """Tableau des mesures, modèle retenu et de quoi faire la prévision finale.

    Attributes:
        tableau: une ligne par candidat et horizon rapporté, colonnes :data:`COLONNES_BACKTEST`.
        horizon: horizon de sélection (en périodes).
        origines: dernières périodes d'apprentissage de chaque origine.
        retenu: nom du candidat choisi, ou ``None`` si aucun backtest n'a été possible.
        durees: secondes d'ajustement cumulées par candidat.
        memoires: paramètres estimés de chaque candidat (départ de l'ajustement final).
        constituants: candidats moyennés par la combinaison (vide sans combinaison).
        facteurs: par candidat déjà demandé, facteurs de recalage ``{80: array, 95: array}``
            par tranche (:meth:`facteurs_de` les calcule au premier besoin : seuls le modèle
            retenu et ses replis en ont besoin).
        previsions, reels: prévisions et valeurs observées de chaque origine, par candidat.
    """

    tableau: pd.DataFrame
    horizon: int
    origines: list[pd.Timestamp]
    retenu: str | None
    durees: dict[str, float] = field(default_factory=dict)
    memoires: dict[str, dict] = field(default_factory=dict)
    constituants: list[str] = field(default_factory=list)
    facteurs: dict[str, dict] = field(default_factory=dict)
    previsions: dict[str, list[Prevision]] = field(default_factory=dict)
    reels: dict[str, list[np.ndarray]] = field(default_factory=dict)
    echelles: dict[str, list[float]] = field(default_factory=dict)

    def facteurs_de(self, nom: str) -> dict | None:
        """Facteurs de recalage de ``nom`` (calculés une fois), ``None`` s'il n'a pas été mesuré."""
        if nom not in self.facteurs and nom in self.previsions:
            self.facteurs[nom] = facteurs_recalage(
                self.previsions[nom],
                self.reels[nom],
                self.horizon,
                self.echelles.get(nom),
            )
        return self.facteurs.get(nom)


def exogenes(
    cand: Candidat,
    prep: SeriePreparee,
    index_passe: pd.DatetimeIndex,
    index_futur_: pd.DatetimeIndex,
    population: pd.Series | None,
) -> tuple[pd.DataFrame | None, pd.DataFrame | None]:
    """Variables explicatives d'un candidat : population (centrée-réduite) et indicatrice Covid.

    ``population`` couvre le passé et le futur demandés. Les colonnes constantes sur le passé
    (indicatrice hors fenêtre) sont retirées : elles ne seraient pas identifiables.
    """
    passe, futur = {}, {}
    if cand.exogene and population is not None:
        p, f = population.reindex(index_passe), population.reindex(index_futur_)
        ec = float(p.std())
        if ec > 0:
            passe["population"] = (p - p.mean()) / ec
            futur["population"] = (f - p.mean()) / ec
    if cand.intervention and prep.intervention:
        d = indicatrice_covid(index_passe, prep.frequence)
        if 0 < d.sum() < len(d):
            passe["covid"] = d
            futur["covid"] = indicatrice_covid(index_futur_, prep.frequence)
    if not passe:
        return None, None
    return pd.DataFrame(passe, index=index_passe), pd.DataFrame(futur, index=index_futur_)


def ajuster(
    cand: Candidat,
    prep: SeriePreparee,
    longueur: int,
    horizon: int,
    journal: list[Diagnostic],
    *,
    population: pd.Series | None = None,
    memoire: dict | None = None,
    **options,
) -> Prevision | None:
    """Ajuste un candidat sur les ``longueur`` premières périodes et prévoit ``horizon`` périodes.

    Avertissements et échecs vont dans ``journal`` ; renvoie ``None`` en cas d'échec ou de sortie
    non finie. La sortie n'est pas tronquée à zéro (le recalage des intervalles a besoin des
    bornes du modèle) : l'appelant applique :func:`.garde_fous.borner_comptages`.
    """
    y = (prep.y if cand.intervention else prep.y_corrigee).iloc[:longueur]
    futur = index_futur(y, horizon, prep.frequence)
    try:
        with capturer(journal, cand.nom, cand.libelle):
            xp, xf = exogenes(cand, prep, y.index, futur, population)
            if xf is not None and xf.isna().any().any():
                raise ValueError("population projetée manquante pour une période future")
            prev = cand.fonction(
                y,
                horizon,
                seasonal_period=prep.periode_saisonniere,
                exog_past=xp,
                exog_future=xf,
                memoire=memoire,
                **options,
            )
    except Exception as exc:  # noqa: BLE001 - un candidat qui échoue est écarté, pas fatal
        journal.append(echec(cand.nom, cand.libelle, exc))
        return None
    prev = Prevision.depuis(prev)
    if not np.all(np.isfinite(prev.valeurs())):
        journal.append(
            Diagnostic(
                "avertissement",
                "prevision_non_finie",
                f"{cand.libelle} : prévision non finie ; modèle écarté.",
                cand.nom,
            )
        )
        return None
    return prev


def horizons_rapportes(horizon: int, periode_saisonniere: int) -> list[int]:
    """Horizons cumulés du tableau : 1, 3, 6, 12 et ``horizon`` en mensuel ; 1 et ``horizon``
    sinon."""
    base = {1, 3, 6, 12} if periode_saisonniere > 1 else {1}
    return sorted(k for k in base | {horizon} if k <= horizon)


def longueurs_apprentissage(
    n: int, horizon: int, n_origines: int, pas: int, minimum: int
) -> list[int]:
    """Longueurs d'apprentissage des origines (de la plus ancienne à la plus récente)."""
    sortie = [n - horizon - k * pas for k in range(n_origines)]
    return sorted(x for x in sortie if x >= minimum)


def _quantile_conforme(scores: np.ndarray, niveau: float) -> float:
    """Quantile d'ordre ``⌈(n + 1) niveau⌉ / n`` (correction d'échantillon fini des méthodes
    conformes)."""
    n = scores.size
    rang = min(1.0, math.ceil((n + 1) * niveau) / n)
    return float(np.quantile(scores, rang, method="higher"))


def _formes(prev: Prevision, n_tranches: int) -> dict[str, np.ndarray]:
    """Forme de l'intervalle du modèle, par niveau et par côté : demi-largeur de chaque pas
    rapportée à la demi-largeur moyenne de sa tranche (sans unité, moyenne 1 sur la tranche).

    Le modèle donne la forme (un mois de pointe plus large qu'un mois creux, une borne haute plus
    loin qu'une basse en multiplicatif) ; le niveau vient des erreurs du backtest."""
    moyenne = np.asarray(prev["moyenne"], float)
    tranche = np.minimum(np.arange(len(moyenne)) // TRANCHE, n_tranches - 1)
    sortie = {}
    for niveau, (bas, haut) in ((80, ("bas_80", "haut_80")), (95, ("bas_95", "haut_95"))):
        dessus = np.maximum(np.asarray(prev[haut], float) - moyenne, 1e-9)
        dessous = np.maximum(moyenne - np.asarray(prev[bas], float), 1e-9)
        demi = (dessus + dessous) / 2
        par_tranche = np.array(
            [demi[tranche == t].mean() if (tranche == t).any() else 1.0 for t in range(n_tranches)]
        )
        ref = np.maximum(par_tranche[tranche], 1e-9)
        sortie[f"haut_{niveau}"], sortie[f"bas_{niveau}"] = dessus / ref, dessous / ref
    return sortie


def _echelle_valide(echelle: float | None) -> bool:
    return echelle is not None and bool(np.isfinite(echelle)) and echelle > 0


def _quantile_empirique(scores: np.ndarray, niveau: float) -> float:
    """Quantile empirique (interpolé) : en mode « échelle », les erreurs des origines anciennes,
    apprises sur moins de données, sont déjà plus grandes que celles de l'ajustement final ; la
    correction d'échantillon fini s'y ajoutait et élargissait trop (banc : 0,86 à 0,91 à 80 %)."""
    n = scores.size
    return float(np.quantile(scores, min(1.0, (n + 1) * niveau / n)))


def facteurs_recalage(
    previsions: list[Prevision],
    reels: list[np.ndarray],
    horizon: int,
    echelles: list[float] | None = None,
    interpole: bool = False,
) -> dict:
    """Niveaux des intervalles recalés à 80 % et 95 %, un par tranche de :data:`TRANCHE` pas.

    Avec ``echelles`` (l'échelle MASE de chaque origine, toutes valides) : **les erreurs du
    backtest fixent la largeur** (issue 20, calibrage de chaque candidat). Score d'une erreur :
    écart au centre, en échelles MASE de son origine, rapporté à la forme de l'intervalle du
    modèle à ce pas et de ce côté (:func:`_formes`) ; le niveau d'une tranche est le quantile
    conforme des scores (Vovk et al. 2005 ; Romano et al. 2019) et l'intervalle final vaut
    ``centre ± niveau × échelle finale × forme`` (:func:`recaler`). La largeur du modèle à une
    origine n'entre pas : sur le banc, elle ne se transposait pas de l'origine (paramètres
    réutilisés d'une origine ancienne) à l'ajustement final (ETS recalés trop larges, Thêta trop
    étroit).

    Le recalage multiplicatif (sans ``echelles``, facteur de la demi-largeur du modèle, 1 =
    intervalle juste) est aussi calculé (clé ``"multiplicatif"``) : :func:`recaler` prend la
    moyenne géométrique des deux largeurs. Sans échelle valide, lui seul sert. Les niveaux ne
    décroissent pas d'une tranche à la suivante.
    """
    n_tranches = max(1, math.ceil(horizon / TRANCHE))
    en_echelle = echelles is not None and all(_echelle_valide(e) for e in echelles)
    sortie: dict = {"mode": "echelle" if en_echelle else "facteur"}
    moyennes = [np.asarray(p["moyenne"], float) for p in previsions]
    formes = [_formes(p, n_tranches) for p in previsions] if en_echelle else None
    for niveau, (bas, haut) in ((80, ("bas_80", "haut_80")), (95, ("bas_95", "haut_95"))):
        scores, tranches = [], []
        for o, (prev, moyenne, reel) in enumerate(zip(previsions, moyennes, reels, strict=True)):
            if en_echelle:
                dessus = echelles[o] * formes[o][haut]
                dessous = echelles[o] * formes[o][bas]
            else:
                dessus = np.maximum(np.asarray(prev[haut], float) - moyenne, 1e-9)
                dessous = np.maximum(moyenne - np.asarray(prev[bas], float), 1e-9)
            ecart = reel - moyenne
            scores.append(np.where(ecart >= 0, ecart / dessus, -ecart / dessous))
            tranches.append(np.minimum(np.arange(len(moyenne)) // TRANCHE, n_tranches - 1))
        score, tranche = np.concatenate(scores), np.concatenate(tranches)
        fini = np.isfinite(score)
        scores_par_tranche = [score[fini & (tranche == b)] for b in range(n_tranches)]
        tous = score[fini]
        if tous.size == 0:
            sortie["mode"] = "facteur"
            sortie[niveau] = np.ones(n_tranches)
            continue
        quantile = _quantile_empirique if en_echelle or interpole else _quantile_conforme
        commun = quantile(tous, niveau / 100)
        facteurs = [
            quantile(s, niveau / 100) if len(s) >= POINTS_MIN else commun
            for s in scores_par_tranche
        ]
        # Croissants d'une tranche à l'autre : l'incertitude ne diminue pas avec l'horizon.
        facteurs = np.maximum.accumulate(facteurs)
        sortie[niveau] = (
            np.maximum(facteurs, 1e-6)
            if en_echelle
            else np.clip(facteurs, FACTEUR_MIN, FACTEUR_MAX)
        )
    if sortie["mode"] == "echelle":  # 95 % au moins aussi large que 80 %
        sortie[95] = np.maximum(sortie[95], sortie[80])
        sortie["multiplicatif"] = facteurs_recalage(previsions, reels, horizon, interpole=True)
    return sortie


def recaler(prev: Prevision, facteurs: dict | None, echelle: float | None = None) -> Prevision:
    """Applique le recalage : en mode « échelle » (et ``echelle`` valide), bornes à
    ``centre ± niveau × echelle × forme du modèle`` ; sinon chaque borne s'éloigne ou se
    rapproche du centre du facteur."""
    prev = Prevision.depuis(prev)
    if not facteurs:
        return prev
    moyenne = prev.moyenne
    pas = np.arange(len(prev))
    en_echelle = facteurs.get("mode") == "echelle" and _echelle_valide(echelle)
    if facteurs.get("mode") == "echelle" and not en_echelle:
        return prev  # niveaux en échelles MASE sans échelle finale : intervalles du modèle
    n_tranches = len(facteurs[80])
    formes = _formes(prev, n_tranches) if en_echelle else None
    bornes = {}
    for niveau, (bas, haut) in ((80, ("bas_80", "haut_80")), (95, ("bas_95", "haut_95"))):
        f = facteurs[niveau]
        par_pas = f[np.minimum(pas // TRANCHE, len(f) - 1)]
        if en_echelle:
            # Moyenne géométrique des deux recalages (voir facteurs_recalage) : largeur venue des
            # erreurs en échelles MASE, et largeur du modèle multipliée par son facteur.
            m = facteurs["multiplicatif"][niveau]
            m = m[np.minimum(pas // TRANCHE, len(m) - 1)]
            dessous = np.maximum(moyenne - np.asarray(prev[bas], float), 0.0)
            dessus = np.maximum(np.asarray(prev[haut], float) - moyenne, 0.0)
            bornes[bas] = moyenne - np.sqrt(par_pas * echelle * formes[bas] * m * dessous)
            bornes[haut] = moyenne + np.sqrt(par_pas * echelle * formes[haut] * m * dessus)
        else:
            bornes[bas] = moyenne - par_pas * (moyenne - prev[bas])
            bornes[haut] = moyenne + par_pas * (prev[haut] - moyenne)
    return prev.remplacer(**bornes)


def _mesurer(prev: Prevision, reel: np.ndarray, echelle: float, is_count: bool) -> dict:
    p = {k: prev[k] for k in _VALEURS}
    if is_count:  # comme la prévision finale (garde_fous.borner_comptages)
        p = {k: np.maximum(v, 0.0) for k, v in p.items()}
    return {
        "mase": mesures.erreurs_mase(reel, p["moyenne"], echelle),
        "smape": mesures.termes_smape(reel, p["moyenne"]),
        "c80": mesures.dans_intervalle(reel, p["bas_80"], p["haut_80"]),
        "c95": mesures.dans_intervalle(reel, p["bas_95"], p["haut_95"]),
    }


def _vide() -> pd.DataFrame:
    types = ["str", "int64"] + ["float"] * 4 + ["bool"]
    return pd.DataFrame(
        {c: pd.Series(dtype=t) for c, t in zip(COLONNES_BACKTEST, types, strict=True)}
    )


def choisir(
    mase_par_candidat: dict[str, float],
    tolerance: float = TOLERANCE,
    tolerance_combinaison: float = TOLERANCE_COMBINAISON,
    avance_reference: float = AVANCE_REFERENCE,
) -> str | None:
    """Le candidat retenu d'après les MASE du backtest (voir le module).

    1. Une référence n'est retenue que si elle bat le meilleur modèle de plus de
       ``avance_reference`` (ou s'il n'y a pas d'autre candidat).
    2. La combinaison est retenue si elle est à moins de ``tolerance_combinaison`` du meilleur
       modèle seul : sur les séries du banc, choisir un modèle seul sur quelques origines coûte
       plus en précision qu'il ne rapporte (compétition M4 ; ``bench/bench_prevision.py``).
    3. Sinon, le plus simple (ordre du registre) des modèles à moins de ``tolerance`` du meilleur.
    """
    finis = {nom: v for nom, v in mase_par_candidat.items() if np.isfinite(v)}
    if not finis:
        return None
    ordre = list(REGISTRE)

    def plus_simple(noms: list[str]) -> str:
        return min(noms, key=lambda nom: ordre.index(nom) if nom in ordre else len(ordre))

    references = {n: v for n, v in finis.items() if n in REGISTRE and REGISTRE[n].reference}
    modeles = {n: v for n, v in finis.items() if n not in references}
    if not modeles:
        meilleur = min(references.values())
        return plus_simple([n for n, v in references.items() if v <= meilleur * (1 + tolerance)])
    seuls = {n: v for n, v in modeles.items() if n != COMBINAISON}
    meilleur = min(modeles.values())
    if references and min(references.values()) < meilleur * (1 - avance_reference):
        return min(references, key=references.get)
    if COMBINAISON in modeles and (
        not seuls or modeles[COMBINAISON] <= min(seuls.values()) * (1 + tolerance_combinaison)
    ):
        return COMBINAISON
    meilleur = min(seuls.values())
    return plus_simple([n for n, v in seuls.items() if v <= meilleur * (1 + tolerance) + 1e-12])


def backtester(
    prep: SeriePreparee,
    candidats: list[Candidat],
    horizon: int,
    journal: list[Diagnostic],
    *,
    n_origines: int = N_ORIGINES,
    population: pd.Series | None = None,
    is_count: bool = True,
    combinaison: bool = True,
    **options,
) -> ResultatBacktest:
    """Backtest à origine glissante de ``candidats`` sur ``prep`` (voir le module).

    Args:
        prep: série préparée sur toute sa longueur (ses bornes et ses valeurs observées servent ;
            chaque origine est préparée de nouveau avec ses seules données).
        candidats: du registre.
        horizon: horizon de sélection souhaité ; réduit si la série est trop courte.
        journal: reçoit les diagnostics.
        n_origines: nombre d'origines.
        population: variable explicative sur tout le passé (pour ``sarimax_population``).
        is_count: tronquer les prévisions à zéro comme la prévision finale.
        combinaison: mesurer aussi la combinaison des meilleurs candidats.
        **options: passées aux candidats (``maxiter``).
    """
    m = prep.periode_saisonniere
    n = len(prep.y)
    minimum = m + 1 if m > 1 else 5
    h = max(0, min(horizon, n - minimum))
    pas = m if m > 1 else 1
    longueurs = longueurs_apprentissage(n, h, n_origines, pas, minimum) if h >= 1 else []
    if not longueurs:
        return ResultatBacktest(_vide(), h, [], None)

    observee = prep.observee.reindex(prep.y.index)
    verite = observee.copy()
    if prep.intervention:
        # Choc de 2020 traité : ses mois ne servent pas à juger les candidats (aucun modèle ne
        # pouvait le prévoir, et la prévision montrée suppose qu'il ne se répète pas).
        verite[indicatrice_covid(verite.index, prep.frequence) > 0] = np.nan
    valeurs_verite = verite.to_numpy(dtype=float)
    avec_exogene = population is not None
    memoires: dict[str, dict] = {c.nom: {} for c in candidats}
    previsions: dict[str, list[Prevision]] = {}
    mesures_par: dict[str, list[dict]] = {}
    reels: dict[str, list[np.ndarray]] = {}
    echelles: list[float] = []
    echelles_par: dict[str, list[float]] = {}
    durees: dict[str, float] = {}
    origines: list[pd.Timestamp] = []
    for L in longueurs:
        # Préparation refaite avec les seules données d'avant l'origine (pas de fuite).
        prep_o = preparer_serie(
            observee.iloc[:L], seasonal_period=max(m, 1), is_count=False, nom="y"
        )
        if prep_o.statut != "ok" or prep_o.tres_courte or len(prep_o.y) < minimum:
            continue
        origines.append(prep_o.y.index[-1])
        # Les h périodes après l'origine, par position (NaN au-delà de la série).
        debut = verite.index.get_loc(origines[-1]) + 1
        reel_origine = np.full(h, np.nan)
        suite = valeurs_verite[debut : debut + h]
        reel_origine[: len(suite)] = suite
        echelle = mesures.echelle_mase(prep_o.y_corrigee.to_numpy(), m)
        echelles.append(echelle)
        for cand in candidats:
            if not applicable(cand, prep_o, avec_exogene) or len(prep_o.y) < cand.min_obs:
                continue
            memoire = memoires[cand.nom]
            memoire["reutiliser"] = "parametres" in memoire
            t0 = time.perf_counter()
            prev = ajuster(
                cand,
                prep_o,
                len(prep_o.y),
                h,
                journal,
                population=population,
                memoire=memoire,
                **options,
            )
            durees[cand.nom] = durees.get(cand.nom, 0.0) + time.perf_counter() - t0
            if prev is None:
                continue
            reel = reel_origine
            previsions.setdefault(cand.nom, []).append(prev)
            reels.setdefault(cand.nom, []).append(reel)
            echelles_par.setdefault(cand.nom, []).append(echelle)
            mesures_par.setdefault(cand.nom, []).append(
                {**_mesurer(prev, reel, echelle, is_count), "origine": len(origines) - 1}
            )
    for memoire in memoires.values():
        memoire["reutiliser"] = False

    def moyenne(liste: list[dict], cle: str, k: int) -> float:
        """Moyenne des pas 1 à ``k`` de toutes les origines (valeurs manquantes ignorées)."""
        if not liste:
            return float("nan")
        x = np.stack([d[cle] for d in liste])[:, :k]
        fini = np.isfinite(x)
        return float(x[fini].mean()) if fini.any() else float("nan")

    complets = {
        nom: moyenne(liste, "mase", h)
        for nom, liste in mesures_par.items()
        if len(liste) == len(origines)
    }
    constituants: list[str] = []
    if combinaison:
        simples = {
            nom: v for nom, v in complets.items() if not REGISTRE[nom].reference and np.isfinite(v)
        }
        constituants = sorted(simples, key=simples.get)[:TAILLE_COMBINAISON]
        if len(constituants) >= 2:
            previsions[COMBINAISON], reels[COMBINAISON], mesures_par[COMBINAISON] = [], [], []
            for o in range(len(origines)):
                prev = combiner([previsions[c][o] for c in constituants])
                reel = reels[constituants[0]][o]
                previsions[COMBINAISON].append(prev)
                reels[COMBINAISON].append(reel)
                echelles_par.setdefault(COMBINAISON, []).append(echelles[o])
                mesures_par[COMBINAISON].append(
                    {**_mesurer(prev, reel, echelles[o], is_count), "origine": o}
                )
            complets[COMBINAISON] = moyenne(mesures_par[COMBINAISON], "mase", h)
        else:
            constituants = []

    lignes = []
    for nom in [c.nom for c in candidats] + ([COMBINAISON] if constituants else []):
        if nom not in mesures_par:
            continue
        liste = mesures_par[nom]
        for k in horizons_rapportes(h, m):
            lignes.append(
                {
                    "modele": nom,
                    "horizon": k,
                    "mase": moyenne(liste, "mase", k),
                    "smape": moyenne(liste, "smape", k),
                    "couverture_80": moyenne(liste, "c80", k),
                    "couverture_95": moyenne(liste, "c95", k),
                }
            )
    tableau = (
        pd.DataFrame(lignes, columns=list(COLONNES_BACKTEST[:-1]))
        if lignes
        else _vide().drop(columns="retenu")
    )
    retenu = choisir(complets)
    tableau["retenu"] = tableau["modele"] == retenu
    return ResultatBacktest(
        tableau.reset_index(drop=True),
        h,
        origines,
        retenu,
        durees,
        memoires,
        constituants,
        previsions=previsions,
        reels=reels,
        echelles=echelles_par,
    )


def meilleure_reference(resultat: ResultatBacktest, disponibles: list[str]) -> str:
    """La référence de plus petit MASE au backtest ; à défaut la naïve saisonnière, puis la naïve."""
    t = resultat.tableau
    t = t[(t["horizon"] == resultat.horizon) & t["modele"].isin(disponibles)].dropna(
        subset=["mase"]
    )
    if not t.empty:
        return str(t.sort_values("mase").iloc[0]["modele"])
    return "naive_saisonniere" if "naive_saisonniere" in disponibles else "naive"
