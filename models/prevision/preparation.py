"""Préparation d'une série d'usage réelle avant ajustement : trous, zéros, ruptures, choc de 2020.

Choix documentés (chacun laisse un diagnostic en français dans le résultat) :

1. **Mois manquants** : la série est rendue régulière ; les trous courts (≤ 2 périodes) sont
   interpolés linéairement, les trous plus longs d'une série saisonnière reçoivent tendance
   (moyenne mobile sur 13 mois, interpolée) + profil saisonnier moyen du mois. Ces valeurs servent
   uniquement à l'ajustement : les mesures du backtest ne portent que sur les mois observés.
2. **Ouverture et fermeture** : une série qui commence tard n'utilise que ses propres données ;
   les zéros initiaux (équipement pas encore ouvert) sont retirés, sauf fermeture saisonnière
   (mêmes mois nuls la saison suivante). Une série est déclarée **« série interrompue »** et n'est
   pas prévue si son équipement a fermé (``annee_fermeture``), si elle s'arrête avant la fin
   attendue (celle de ses pairs du même service et de la même source, calculée par le lot : une
   série importée seule n'a pas de fin attendue, issue 20), ou si elle finit par au moins 3
   périodes nulles non saisonnières.
3. **Rupture de niveau** (extension, transfert d'activité), cherchée après la correction du choc
   de 2020 (point 4) pour ne pas prendre la reprise pour une rupture : si la moyenne sur une saison change
   d'au moins ×1,5 (ou ÷1,5) d'un coup et que le niveau de la dernière saison confirme le changement
   (au moins ×1,4), seules les données postérieures à la rupture servent à l'ajustement.
4. **Choc Covid (2020-03 à 2021-06)** : si la série couvre la fenêtre, au moins 12 mois avant et
   6 mois après, et que le choc est visible (écart moyen d'au moins 5 % au contrefactuel), on
   retient **deux traitements selon le modèle** : SARIMAX et composantes inobservées reçoivent la
   série observée et une **indicatrice d'intervention** (1 dans la fenêtre) ; ETS, Thêta et les
   références reçoivent une série où la fenêtre est **imputée** par le contrefactuel (même mois de
   l'année précédant la fenêtre, niveau interpolé linéairement entre l'année d'avant et l'année
   d'après la fenêtre). Ces modèles n'ont pas de terme de régression ; imputer évite qu'ils lisent
   le choc comme une tendance. Pour une série annuelle, la fenêtre est 2020-2021 et l'imputation
   linéaire entre 2019 et 2022.
5. **Zéros** : autorisés ; les modèles multiplicatifs sont réservés aux séries strictement
   positives ; plus de 30 % de zéros : série dite intermittente (diagnostic).
6. **Séries courtes** : moins de deux saisons, pas de candidat saisonnier ; très courte (moins d'une
   saison en mensuel, moins de 5 ans en annuel) : la seule méthode naïve.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .contrat import ANNUELLE, MENSUELLE, frequence_serie, reguliere
from .diagnostics import Diagnostic

#: Fenêtre du choc sanitaire traitée (premier confinement à la réouverture des lieux culturels).
DEBUT_COVID = pd.Timestamp("2020-03-01")
FIN_COVID = pd.Timestamp("2021-06-01")
#: Écart moyen (en log) au contrefactuel au-dessous duquel on considère qu'il n'y a pas de choc.
SEUIL_CHOC = 0.05
#: Rupture de niveau : saut des moyennes sur une saison, et confirmation sur la dernière saison.
SEUIL_RUPTURE = 1.5
SEUIL_CONFIRMATION = 1.4
#: Périodes nulles consécutives en fin de série qui signalent une fermeture.
ZEROS_FERMETURE = 3
#: Trou au-delà duquel on impute par tendance + saison plutôt que linéairement.
TROU_COURT = 2
#: Part de zéros au-delà de laquelle la série est dite intermittente.
PART_INTERMITTENTE = 0.30


@dataclass
class SeriePreparee:
    """Une série prête pour les candidats.

    Attributes:
        y: série régulière complétée (trous imputés), choc 2020 laissé tel quel ; pour les modèles à
            terme d'intervention.
        y_corrigee: idem, fenêtre 2020 imputée si un choc a été traité ; pour ETS, Thêta, références.
        observee: série régulière avec ``NaN`` aux périodes manquantes (vérité des mesures).
        frequence: ``'MS'`` ou ``'YS'``.
        periode_saisonniere: 12 en mensuel (ou la valeur demandée), 1 en annuel.
        intervention: vrai si l'indicatrice Covid doit être donnée aux modèles qui l'acceptent.
        statut: ``'ok'`` ou ``'serie_interrompue'``.
        drapeaux: constats courts (``'mois_manquants'``, ``'courte'``, ``'tres_courte'``...).
        diagnostics: messages en français.
    """

    y: pd.Series
    y_corrigee: pd.Series
    observee: pd.Series
    frequence: str
    periode_saisonniere: int
    intervention: bool = False
    statut: str = "ok"
    drapeaux: list[str] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def saisonniere(self) -> bool:
        """Au moins deux saisons complètes : candidats saisonniers permis."""
        return "courte" not in self.drapeaux and self.periode_saisonniere > 1

    @property
    def tres_courte(self) -> bool:
        return "tres_courte" in self.drapeaux

    @property
    def strictement_positive(self) -> bool:
        return bool((self.y_corrigee > 0).all() and (self.y > 0).all())


def indicatrice_covid(index: pd.DatetimeIndex, frequence: str) -> np.ndarray:
    """1.0 pour les périodes de la fenêtre Covid, 0.0 ailleurs (passé comme futur)."""
    if frequence == ANNUELLE:
        return np.isin(index.year, [2020, 2021]).astype(float)
    return ((index >= DEBUT_COVID) & (index <= FIN_COVID)).astype(float)


def _mois(t: pd.Timestamp) -> str:
    return t.strftime("%Y-%m")


def _nombre_fr(x: float) -> str:
    return f"{x:.1f}".replace(".", ",")


def _runs_nan(masque: np.ndarray) -> list[tuple[int, int]]:
    """(début, fin exclue) des suites de ``True``."""
    runs, debut = [], None
    for i, v in enumerate(masque):
        if v and debut is None:
            debut = i
        elif not v and debut is not None:
            runs.append((debut, i))
            debut = None
    if debut is not None:
        runs.append((debut, len(masque)))
    return runs


def _combler(obs: pd.Series, m: int) -> pd.Series:
    """Interpolation documentée au point 1 du module."""
    if not obs.isna().any():
        return obs
    lineaire = obs.interpolate(method="linear", limit_direction="both")
    if m <= 1 or obs.notna().sum() < 2 * m:
        return lineaire
    longs = [r for r in _runs_nan(obs.isna().to_numpy()) if r[1] - r[0] > TROU_COURT]
    if not longs:
        return lineaire
    tendance = obs.rolling(m + 1, center=True, min_periods=m // 2).mean()
    tendance = tendance.interpolate(method="linear", limit_direction="both")
    ecart = obs - tendance
    profil = ecart.groupby(obs.index.month).mean()
    # Le profil est centré pour que l'imputation ne déplace pas le niveau.
    profil = profil - profil.mean()
    sortie = lineaire.copy()
    for debut, fin in longs:
        pos = obs.index[debut:fin]
        sortie.loc[pos] = (
            tendance.loc[pos].to_numpy() + profil.reindex(pos.month).fillna(0).to_numpy()
        )
    return sortie


def _zeros_fin(v: np.ndarray) -> int:
    n = 0
    for x in v[::-1]:
        if x == 0:
            n += 1
        else:
            break
    return n


def _rupture(v: np.ndarray, w: int) -> tuple[int, float] | None:
    """Position et facteur de la rupture de niveau la plus nette, ou ``None`` (point 3).

    Moyennes glissantes par sommes cumulées (une passe numpy au lieu d'une boucle : la préparation
    est refaite à chaque origine du backtest).
    """
    n = len(v)
    if n < 3 * w:
        return None
    fin = v[-w:].mean()
    if fin <= 0:
        return None
    cumul = np.r_[0.0, np.cumsum(v)]
    k = np.arange(w, n - w + 1)
    avant = (cumul[k] - cumul[k - w]) / w
    apres = (cumul[k + w] - cumul[k]) / w
    with np.errstate(divide="ignore", invalid="ignore"):
        r, rf = apres / avant, fin / avant
        nette = (
            (avant > 0)
            & (apres > 0)
            & (
                ((r >= SEUIL_RUPTURE) & (rf >= SEUIL_CONFIRMATION))
                | ((r <= 1 / SEUIL_RUPTURE) & (rf <= 1 / SEUIL_CONFIRMATION))
            )
        )
    if not nette.any():
        return None
    score = np.where(nette, np.abs(np.log(np.where(nette, r, 1.0))), -1.0)
    i = int(np.argmax(score))  # le premier des meilleurs, comme la boucle d'origine
    return int(k[i]), float(r[i])


def _contrefactuel_covid(y: pd.Series, frequence: str, m: int) -> pd.Series | None:
    """Valeurs imputées de la fenêtre Covid (point 4), ou ``None`` si la série ne s'y prête pas."""
    idx = y.index
    if frequence == ANNUELLE:
        fen = idx[np.isin(idx.year, [2020, 2021])]
        if len(fen) == 0 or idx.min().year > 2019 or idx.max().year < 2022:
            return None
        a, b = y.loc[pd.Timestamp("2019-01-01")], y.loc[pd.Timestamp("2022-01-01")]
        return pd.Series([a + (b - a) * (i + 1) / 3 for i in range(len(fen))], index=fen)
    avant_debut = DEBUT_COVID - pd.DateOffset(months=12)
    apres_fin = FIN_COVID + pd.DateOffset(months=6)
    if idx.min() > avant_debut or idx.max() < apres_fin:
        return None
    # Série régulière (préparée) : positions des mois par l'arithmétique des mois, en numpy (la
    # préparation est refaite à chaque origine du backtest ; les sélections pandas par date
    # coûtaient autant qu'un ajustement).
    v = y.to_numpy(dtype=float)

    def position(t: pd.Timestamp) -> int:
        return (t.year - idx[0].year) * 12 + t.month - idx[0].month

    i0, i1 = position(DEBUT_COVID), position(FIN_COVID)
    annee_avant = v[i0 - 12 : i0]
    niveau_avant = float(annee_avant.mean())
    annee_apres = v[i1 + 1 : i1 + 13]
    # Niveau d'après : moyenne sur une année complète si possible, sinon corrigée du profil.
    if len(annee_apres) >= 12 or m <= 1:
        niveau_apres = float(annee_apres.mean())
    else:
        # annee_avant[j] est le mois de la position i0 − 12 + j : même mois = même reste mod 12.
        profil = annee_avant[(np.arange(i1 + 1, i1 + 1 + len(annee_apres)) - (i0 - 12)) % 12]
        niveau_apres = float((annee_apres - profil).mean()) + niveau_avant
    fen = np.arange(i0, i1 + 1)
    base = annee_avant[(fen - i0) % 12] if m > 1 else np.full(len(fen), niveau_avant)
    frac = np.arange(1, len(fen) + 1) / (len(fen) + 1)
    facteur = 1.0 + frac * (niveau_apres / niveau_avant - 1.0) if niveau_avant > 0 else 1.0
    return pd.Series(base * facteur, index=idx[fen])


def preparer_serie(
    y: pd.Series,
    *,
    seasonal_period: int = 12,
    fin_attendue: pd.Timestamp | None = None,
    is_count: bool = True,
    nom: str = "y",
    annee_fermeture: int | None = None,
) -> SeriePreparee:
    """Rend une série d'usage réelle prête pour les candidats (choix documentés dans le module).

    Args:
        y: série brute, index mensuel ('MS') ou annuel ('YS'), trous permis.
        seasonal_period: longueur de la saison d'une série mensuelle (12) ; ignorée en annuel.
        fin_attendue: dernière période attendue (celle des autres séries du lot) ; une série qui
            s'arrête avant est « interrompue ».
        is_count: série de comptages (valeurs négatives refusées).
        nom: nom du paramètre, pour les messages d'erreur.
        annee_fermeture: année de fermeture de l'équipement de la série, s'il a fermé.

    Raises:
        ValueError: série vide, index non mensuel, valeurs négatives d'un comptage.
    """
    frequence = frequence_serie(y, nom)
    m = max(int(seasonal_period), 1) if frequence == MENSUELLE else 1
    diags: list[Diagnostic] = []
    drapeaux: list[str] = []
    y = y.sort_index().astype(float)
    if is_count and (y < 0).any():
        t = y.index[(y < 0).to_numpy()][0]
        raise ValueError(
            f"Paramètre « {nom} » : valeur négative en {_mois(t)} pour une série de comptages ; "
            "corrigez la donnée ou passez is_count=False."
        )
    valides = y.dropna()
    obs = reguliere(valides, frequence)
    unite = "mois" if frequence == MENSUELLE else "années"

    def resultat(statut: str) -> SeriePreparee:
        return SeriePreparee(obs, obs, obs, frequence, m, False, statut, drapeaux, diags)

    # 2. Fermeture : équipement fermé, fin anticipée, ou zéros finaux non saisonniers.
    if annee_fermeture is not None and int(annee_fermeture) <= obs.index.max().year + 1:
        drapeaux.append("serie_interrompue")
        diags.append(
            Diagnostic(
                "avertissement",
                "serie_interrompue",
                f"Série interrompue : l'équipement a fermé en {int(annee_fermeture)} (dernière "
                f"valeur en {_mois(obs.index.max())}) ; pas de prévision.",
            )
        )
        return resultat("serie_interrompue")
    if fin_attendue is not None and obs.index.max() < pd.Timestamp(fin_attendue):
        drapeaux.append("serie_interrompue")
        diags.append(
            Diagnostic(
                "avertissement",
                "serie_interrompue",
                f"Série interrompue : dernière valeur en {_mois(obs.index.max())}, alors que les séries "
                f"du même service vont jusqu'à {_mois(pd.Timestamp(fin_attendue))} ; pas de prévision "
                "(équipement fermé ou données non transmises).",
            )
        )
        return resultat("serie_interrompue")
    v = obs.to_numpy()
    nz = _zeros_fin(np.nan_to_num(v, nan=1.0))
    if nz >= ZEROS_FERMETURE and nz < len(v):
        saisonnier = m > 1 and len(v) >= nz + m and np.all(v[len(v) - nz - m : len(v) - m] == 0)
        if not saisonnier:
            drapeaux.append("serie_interrompue")
            diags.append(
                Diagnostic(
                    "avertissement",
                    "serie_interrompue",
                    f"Série interrompue : les {nz} dernières valeurs sont nulles (depuis "
                    f"{_mois(obs.index[len(v) - nz])}) ; l'équipement semble fermé, pas de prévision.",
                )
            )
            return resultat("serie_interrompue")

    # 2 bis. Ouverture : zéros initiaux retirés (sauf fermeture saisonnière).
    nz0 = _zeros_fin(np.nan_to_num(v[::-1], nan=1.0))
    if 0 < nz0 < len(v):
        saisonnier = m > 1 and len(v) >= nz0 + m and np.all(v[m : m + nz0] == 0)
        if not saisonnier:
            obs = obs.iloc[nz0:]
            drapeaux.append("ouverture_tardive")
            diags.append(
                Diagnostic(
                    "info",
                    "ouverture_tardive",
                    f"Les {nz0} premières valeurs sont nulles (équipement pas encore ouvert) : la série "
                    f"commence en {_mois(obs.index.min())}.",
                )
            )

    # 1. Trous.
    manquants = int(obs.isna().sum())
    complet = _combler(obs, m)
    if manquants:
        drapeaux.append("mois_manquants" if frequence == MENSUELLE else "annees_manquantes")
        part = manquants / len(obs)
        diags.append(
            Diagnostic(
                "avertissement" if part > 0.2 else "info",
                "valeurs_manquantes",
                f"{manquants} {unite} manquants sur {len(obs)} ({_nombre_fr(100 * part)} %) : complétés "
                "pour l'ajustement (interpolation), exclus des mesures de précision.",
            )
        )

    # 4. Choc Covid.
    corrigee = complet
    intervention = False
    cf = _contrefactuel_covid(complet, frequence, m)
    if cf is not None:
        # Par positions, en numpy (la préparation est refaite à chaque origine du backtest).
        positions = complet.index.get_indexer(cf.index)
        reel, imputees = complet.to_numpy(dtype=float)[positions], cf.to_numpy(dtype=float)
        ok = (reel > 0) & (imputees > 0)
        ecart = float(np.mean(np.abs(np.log(reel[ok] / imputees[ok])))) if ok.any() else 0.0
        if ecart >= SEUIL_CHOC:
            valeurs = complet.to_numpy(dtype=float).copy()
            valeurs[positions] = np.maximum(imputees, 0.0)
            corrigee = pd.Series(valeurs, index=complet.index, name=complet.name)
            intervention = True
            drapeaux.append("choc_2020")
            diags.append(
                Diagnostic(
                    "info",
                    "choc_2020",
                    f"Choc de 2020 détecté (écart moyen de {_nombre_fr(100 * ecart)} % au niveau "
                    "attendu) : fenêtre 2020-03 à 2021-06 traitée par un terme d'intervention (SARIMAX, "
                    "composantes inobservées) ou imputée (ETS, Thêta, références).",
                )
            )

    # 3. Rupture de niveau.
    # Cherchée sur la série corrigée du choc 2020, pour ne pas prendre la reprise pour une rupture.
    rupture = _rupture(corrigee.to_numpy(), m if m > 1 else 3)
    if rupture is not None:
        k, r = rupture
        if len(complet) - k >= min(6, len(complet)):
            date = complet.index[k]
            if not (complet.index[k:] <= FIN_COVID).any():
                intervention = False
            complet, corrigee, obs = complet.iloc[k:], corrigee.iloc[k:], obs.iloc[k:]
            drapeaux.append("rupture_de_niveau")
            diags.append(
                Diagnostic(
                    "avertissement",
                    "rupture_de_niveau",
                    f"Changement de niveau durable en {_mois(date)} (×{_nombre_fr(r)}) : seules les "
                    "données postérieures servent à la prévision.",
                )
            )

    # 5. Zéros et 6. longueur.
    part_zeros = float((complet == 0).mean())
    if part_zeros > PART_INTERMITTENTE:
        drapeaux.append("intermittente")
        diags.append(
            Diagnostic(
                "avertissement",
                "intermittente",
                f"{_nombre_fr(100 * part_zeros)} % de valeurs nulles : série intermittente, prévisions "
                "moins fiables ; modèles multiplicatifs écartés.",
            )
        )
    n = len(complet)
    if n < (m if m > 1 else 5):
        drapeaux += ["courte", "tres_courte"]
        diags.append(
            Diagnostic(
                "avertissement",
                "tres_courte",
                f"Série très courte ({n} {unite}) : seule la reconduction de la dernière valeur est "
                "utilisée.",
            )
        )
    elif m > 1 and n < 2 * m:
        drapeaux.append("courte")
        diags.append(
            Diagnostic(
                "info",
                "courte",
                f"Moins de deux saisons observées ({n} mois) : pas de modèle saisonnier.",
            )
        )
    # asfreq seulement si l'index a perdu sa fréquence (asfreq refait l'index : ≈ 2 ms).
    complet = complet if complet.index.freq is not None else reguliere(complet, frequence)
    corrigee = corrigee if corrigee.index.freq is not None else reguliere(corrigee, frequence)
    return SeriePreparee(complet, corrigee, obs, frequence, m, intervention, "ok", drapeaux, diags)
