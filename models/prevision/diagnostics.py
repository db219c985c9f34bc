"""Diagnostics par série : avertissements de statsmodels et échecs, en français, jamais imprimés.

Convention 12 du guide : un avertissement de statsmodels (non-convergence, instabilité numérique...)
devient un diagnostic de la série, pas du bruit dans la console. Chaque ajustement est enveloppé
dans :func:`capturer`, qui enregistre les avertissements avec ``warnings.catch_warnings(record=True)``
et les traduit ; une exception devient un diagnostic « erreur » via :func:`echec`.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from statsmodels.tools.sm_exceptions import ConvergenceWarning, ValueWarning

#: Niveaux de gravité, du plus léger au plus grave.
NIVEAUX = ("info", "avertissement", "erreur")


@dataclass(frozen=True)
class Diagnostic:
    """Un constat sur une série, lisible par un chargé de mission.

    Attributes:
        niveau: ``'info'``, ``'avertissement'`` ou ``'erreur'``.
        code: identifiant stable (``'non_convergence'``, ``'mois_manquants'``...), pour filtrer.
        message: phrase en français.
        modele: nom du candidat concerné, ou ``None`` pour la série entière.
    """

    niveau: str
    code: str
    message: str
    modele: str | None = None

    def __str__(self) -> str:
        return self.message


def _traduire(w: warnings.WarningMessage, libelle: str) -> tuple[str, str, str]:
    """(niveau, code, message) pour un avertissement enregistré."""
    texte = str(w.message)
    if issubclass(w.category, ConvergenceWarning):
        return (
            "avertissement",
            "non_convergence",
            f"{libelle} : l'optimisation n'a pas convergé dans le nombre d'itérations permis ; "
            "le modèle reste utilisable mais ses paramètres sont approximatifs.",
        )
    if issubclass(w.category, RuntimeWarning):
        return (
            "avertissement",
            "calcul_instable",
            f"{libelle} : calcul numérique instable pendant l'ajustement ({texte}).",
        )
    if issubclass(w.category, ValueWarning):
        return ("info", "avertissement_statsmodels", f"{libelle} : {texte}")
    if "invertible" in texte or "stationary" in texte:
        return (
            "avertissement",
            "parametres_initiaux",
            f"{libelle} : paramètres de départ non stationnaires ou non inversibles, "
            "remplacés par des valeurs par défaut.",
        )
    return (
        "info",
        "avertissement_statsmodels",
        f"{libelle} : avertissement de statsmodels ({texte}).",
    )


@contextmanager
def capturer(journal: list[Diagnostic], modele: str | None, libelle: str) -> Iterator[None]:
    """Enregistre tous les avertissements émis dans le bloc comme diagnostics de ``journal``.

    Les exceptions ne sont pas avalées : l'appelant les transforme avec :func:`echec`.
    """
    with warnings.catch_warnings(record=True) as enregistres:
        warnings.simplefilter("always")
        try:
            yield
        finally:
            for w in enregistres:
                niveau, code, message = _traduire(w, libelle)
                journal.append(Diagnostic(niveau, code, message, modele))


def echec(modele: str | None, libelle: str, exc: BaseException) -> Diagnostic:
    """Un ajustement qui a échoué : le candidat est écarté, la série continue."""
    return Diagnostic(
        "erreur",
        "echec_ajustement",
        f"{libelle} : échec de l'ajustement ({type(exc).__name__} : {exc}) ; modèle écarté.",
        modele,
    )


def regrouper(journal: list[Diagnostic]) -> list[Diagnostic]:
    """Fusionne les diagnostics identiques (un par origine du backtest) en ajoutant « (n fois) »."""
    comptes: dict[Diagnostic, int] = {}
    for d in journal:
        comptes[d] = comptes.get(d, 0) + 1
    sortie = []
    for d, n in comptes.items():
        if n > 1:
            d = Diagnostic(d.niveau, d.code, f"{d.message} ({n} fois)", d.modele)
        sortie.append(d)
    return sortie
