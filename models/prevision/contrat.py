"""Le contrat commun des prévisions d'usage (guide, convention 7 « One forecasting contract »).

Chaque candidat (référence naïve, ETS, SARIMAX, Thêta, composantes inobservées) s'appelle de la
même façon : ``f(y, horizon, **kw) -> pd.DataFrame``. ``y`` est une série régulière indexée par un
``DatetimeIndex`` au premier jour du mois (fréquence ``'MS'``) ou de l'année (``'YS'``) ; la sortie
est au format long, une ligne par période future, colonnes :data:`COLONNES` (moyenne et bornes des
intervalles de prévision à 80 % et 95 %), comme la table ``prevision_usage``.

À l'intérieur de la chaîne, la même sortie circule en tableaux numpy (:class:`Prevision`, dont
``cadre()`` donne le ``DataFrame``) : le backtest en produit des centaines par série (issue 20).

Ce module porte aussi les vérifications d'entrée communes (messages d'erreur en français qui nomment
le paramètre fautif) et les constructeurs de la sortie. Il n'importe aucun autre module du paquet :
l'appel d'un candidat par son nom (:func:`models.prevision.registre.prevoir`) vit dans le registre,
qui importe ce module et les candidats (pas de cycle contrat → registre → candidats).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Protocol

import numpy as np
import pandas as pd
from scipy.stats import norm

#: Colonnes de la sortie de tout candidat, dans cet ordre.
COLONNES: tuple[str, ...] = ("periode", "moyenne", "bas_80", "haut_80", "bas_95", "haut_95")

#: Quantiles de la loi normale pour les intervalles bilatéraux à 80 % et 95 %.
Z80 = float(norm.ppf(0.90))
Z95 = float(norm.ppf(0.975))

#: Fréquences acceptées : mensuelle (début de mois) et annuelle (début d'année).
MENSUELLE = "MS"
ANNUELLE = "YS"


class Previseur(Protocol):
    """Signature commune de tous les candidats du registre."""

    def __call__(self, y: pd.Series, horizon: int, **kw) -> Prevision | pd.DataFrame: ...


def verifier_horizon(horizon: object, nom: str = "horizon") -> int:
    """Vérifie qu'un horizon est un entier strictement positif.

    Raises:
        ValueError: message en français qui nomme le paramètre.
    """
    if isinstance(horizon, bool) or not isinstance(horizon, (int, np.integer)):
        raise ValueError(
            f"Paramètre « {nom} » : un nombre entier de périodes est attendu (reçu {horizon!r})."
        )
    if horizon <= 0:
        raise ValueError(
            f"Paramètre « {nom} » : l'horizon doit être strictement positif (reçu {horizon}). "
            "Indiquez le nombre de mois (ou d'années) à prévoir, par exemple 12."
        )
    return int(horizon)


def frequence_serie(y: pd.Series, nom: str = "y") -> str:
    """Renvoie ``'MS'`` ou ``'YS'`` selon l'index de ``y`` (qui peut avoir des trous).

    Une série est annuelle si toutes ses dates sont au 1er janvier et espacées d'au moins un an ;
    mensuelle si toutes ses dates sont au premier jour d'un mois.

    Raises:
        ValueError: série vide, index non temporel, dates qui ne sont pas des débuts de mois,
            dates en double, valeurs non numériques.
    """
    if not isinstance(y, pd.Series):
        raise ValueError(
            f"Paramètre « {nom} » : une pandas.Series est attendue (reçu {type(y).__name__})."
        )
    if len(y) == 0 or y.notna().sum() == 0:
        raise ValueError(
            f"Paramètre « {nom} » : la série est vide ; aucune valeur observée à prévoir."
        )
    if not isinstance(y.index, pd.DatetimeIndex):
        raise ValueError(
            f"Paramètre « {nom} » : l'index doit être un DatetimeIndex de dates mensuelles "
            "(premier jour du mois, fréquence 'MS') ou annuelles ('YS')."
        )
    if not pd.api.types.is_numeric_dtype(y.dtype):
        raise ValueError(f"Paramètre « {nom} » : les valeurs doivent être numériques.")
    idx = y.index
    if idx.has_duplicates:
        doublons = idx[idx.duplicated()].strftime("%Y-%m").unique()[:3]
        raise ValueError(f"Paramètre « {nom} » : périodes en double ({', '.join(doublons)}).")
    freq = getattr(idx, "freqstr", None)
    if freq == MENSUELLE:
        return MENSUELLE
    if freq is not None and freq.startswith("YS"):
        if freq not in ("YS", "YS-JAN"):
            raise ValueError(
                f"Paramètre « {nom} » : seules les années civiles ('YS') sont acceptées."
            )
        return ANNUELLE
    if not (idx.day == 1).all() or (idx.normalize() != idx).any():
        raise ValueError(
            f"Paramètre « {nom} » : l'index n'est pas mensuel ; chaque date doit être le premier jour "
            "d'un mois (fréquence 'MS', par exemple 2024-01-01) ou d'une année ('YS')."
        )
    tri = idx.sort_values()
    if len(tri) > 1 and (tri.month == 1).all():
        ecarts = np.diff(tri.year * 12 + tri.month)
        if (ecarts >= 12).all():
            return ANNUELLE
    return MENSUELLE


def index_futur(y: pd.Series, horizon: int, freq: str | None = None) -> pd.DatetimeIndex:
    """Les ``horizon`` périodes qui suivent la dernière date de ``y``."""
    freq = freq or frequence_serie(y)
    return _periodes_suivantes(pd.Timestamp(y.index.max()), int(horizon), freq)


def reguliere(y: pd.Series, freq: str) -> pd.Series:
    """``y`` sur toutes les périodes de sa première à sa dernière date (``NaN`` aux manquantes).

    Comme ``y.asfreq(freq)``, mais l'index vient d'un cache : ``asfreq`` refait un
    ``date_range`` mois par mois en Python (≈ 2 ms), et la préparation, refaite à chaque origine
    du backtest, demande les mêmes périodes (même début) de nombreuses fois.
    """
    if len(y) == 0:
        return y.asfreq(freq)
    debut, fin = pd.Timestamp(y.index[0]), pd.Timestamp(y.index[-1])
    if freq == MENSUELLE:
        n = (fin.year - debut.year) * 12 + fin.month - debut.month + 1
    else:
        n = fin.year - debut.year + 1
    index = _periodes(debut, n, freq)
    if len(y) == n and y.index.freq is not None:
        return y
    return y.reindex(index)


@lru_cache(maxsize=4096)
def _periodes(debut: pd.Timestamp, n: int, freq: str) -> pd.DatetimeIndex:
    """``n`` périodes depuis ``debut`` (mémorisé ; un index est immuable)."""
    return pd.date_range(debut, periods=n, freq=freq)


@lru_cache(maxsize=4096)
def _periodes_suivantes(derniere: pd.Timestamp, horizon: int, freq: str) -> pd.DatetimeIndex:
    """Mémorisé : ``pd.date_range`` en 'MS' avance mois par mois en Python (≈ 1 ms), et chaque
    candidat de chaque origine du backtest demande les mêmes périodes (un index est immuable)."""
    return pd.date_range(derniere, periods=horizon + 1, freq=freq)[1:]


_VALEURS: tuple[str, ...] = COLONNES[1:]


@dataclass(frozen=True, eq=False)
class Prevision:
    """Une prévision en tableaux numpy : la forme interne du contrat (issue 20).

    Le backtest produit des centaines de prévisions par série ; un ``DataFrame`` par prévision
    coûtait plus que l'ajustement des références (construction, accès aux colonnes, alignement
    d'index). Les candidats renvoient donc une :class:`Prevision` ; :meth:`cadre` donne la sortie
    du contrat (``DataFrame`` long de colonnes :data:`COLONNES`) à la frontière publique.
    ``prev["moyenne"]`` vaut pour les deux formes.

    Les bornes sont ordonnées à la construction (:meth:`bornee`) :
    ``bas_95 <= bas_80 <= moyenne <= haut_80 <= haut_95``.
    """

    periodes: pd.DatetimeIndex
    moyenne: np.ndarray
    bas_80: np.ndarray
    haut_80: np.ndarray
    bas_95: np.ndarray
    haut_95: np.ndarray

    def __getitem__(self, colonne: str):
        return self.periodes if colonne == "periode" else getattr(self, colonne)

    def __len__(self) -> int:
        return len(self.moyenne)

    @classmethod
    def bornee(cls, periodes, moyenne, bas_80, haut_80, bas_95, haut_95) -> Prevision:
        """Assemble une prévision et garantit l'ordre des bornes (élargit, jamais l'inverse)."""
        moyenne = np.asarray(moyenne, dtype=float)
        b80 = np.minimum(np.asarray(bas_80, dtype=float), moyenne)
        h80 = np.maximum(np.asarray(haut_80, dtype=float), moyenne)
        b95 = np.minimum(np.asarray(bas_95, dtype=float), b80)
        h95 = np.maximum(np.asarray(haut_95, dtype=float), h80)
        return cls(pd.DatetimeIndex(periodes), moyenne, b80, h80, b95, h95)

    @classmethod
    def normale(cls, periodes, moyenne, ecart_type) -> Prevision:
        """Intervalles gaussiens ``moyenne ± z × écart-type`` (FPP3, § 5.5)."""
        moyenne = np.asarray(moyenne, dtype=float)
        e = np.maximum(np.asarray(ecart_type, dtype=float), 0.0)
        return cls(
            pd.DatetimeIndex(periodes),
            moyenne,
            moyenne - Z80 * e,
            moyenne + Z80 * e,
            moyenne - Z95 * e,
            moyenne + Z95 * e,
        )

    @classmethod
    def depuis(cls, prevision: Prevision | pd.DataFrame) -> Prevision:
        """Une :class:`Prevision` depuis l'une ou l'autre forme (un candidat peut rendre un cadre)."""
        if isinstance(prevision, Prevision):
            return prevision
        return cls.bornee(*(np.asarray(prevision[c]) for c in COLONNES))

    def valeurs(self) -> np.ndarray:
        """Matrice ``5 × horizon`` : moyenne puis bornes, dans l'ordre de :data:`COLONNES`."""
        return np.vstack([self.moyenne, self.bas_80, self.haut_80, self.bas_95, self.haut_95])

    def remplacer(self, **valeurs: np.ndarray) -> Prevision:
        """La même prévision avec d'autres valeurs (mêmes périodes), ordre des bornes garanti."""
        tout = {c: getattr(self, c) for c in _VALEURS} | valeurs
        return Prevision.bornee(self.periodes, **tout)

    def cadre(self) -> pd.DataFrame:
        """La sortie du contrat : un ``DataFrame`` long de colonnes :data:`COLONNES`."""
        return pd.DataFrame(
            {
                "periode": self.periodes,
                "moyenne": self.moyenne,
                "bas_80": self.bas_80,
                "haut_80": self.haut_80,
                "bas_95": self.bas_95,
                "haut_95": self.haut_95,
            }
        )


def cadre_prevision(
    periodes: pd.DatetimeIndex,
    moyenne: np.ndarray,
    bas_80: np.ndarray,
    haut_80: np.ndarray,
    bas_95: np.ndarray,
    haut_95: np.ndarray,
) -> pd.DataFrame:
    """Assemble la sortie du contrat et garantit l'ordre des bornes (:meth:`Prevision.bornee`)."""
    return Prevision.bornee(periodes, moyenne, bas_80, haut_80, bas_95, haut_95).cadre()


def cadre_normal(
    periodes: pd.DatetimeIndex, moyenne: np.ndarray, ecart_type: np.ndarray
) -> pd.DataFrame:
    """Intervalles gaussiens ``moyenne ± z × écart-type`` (FPP3, § 5.5)."""
    return Prevision.normale(periodes, moyenne, ecart_type).cadre()


def cadre_vide() -> pd.DataFrame:
    """Une sortie sans ligne (série interrompue, erreur), avec les bons types."""
    return cadre_prevision(pd.DatetimeIndex([]), [], [], [], [], [])
