"""Demand ratios changed by the user for one territory, kept in the user's database.

The published defaults (table `ratio_demande` of the built database) are never overwritten: a
change is stored per perimeter (niveau, code) in `ratio_modifie`, the chosen method in
`methode_choisie`, and applied on top of the defaults by `models.demande.ratios_effectifs`. A
value equal to the default is not stored (the perimeter then simply follows the default, even if
the reference file changes later).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from models.demande import ErreurRatio, ratios_effectifs, verifier_ratio
from vigie.stockage import base_utilisateur


@dataclass(frozen=True)
class Reglages:
    """What a perimeter changed: ratio values and chosen methods."""

    modifications: pd.DataFrame  # service, methode, age_min, ratio, par, modifie_le
    methodes: dict[str, str]  # service -> methode


def lire(niveau: str, code: str, chemin: Path | None = None) -> Reglages:
    """The perimeter's changed ratios and chosen methods (empty when none)."""
    modifications = base_utilisateur.lire("ratio_modifie_lire", chemin, niveau=niveau, code=code)
    methodes = base_utilisateur.lire("methode_choisie_lire", chemin, niveau=niveau, code=code)
    return Reglages(
        modifications=modifications,
        methodes=dict(zip(methodes["service"], methodes["methode"], strict=True)),
    )


def enregistrer(
    niveau: str,
    code: str,
    service: str,
    methode: str,
    valeurs: dict[int, tuple[str | float, str | float]],
    defauts: pd.DataFrame,
    chemin: Path | None = None,
) -> None:
    """Check and save a service's ratios for a perimeter, in one transaction.

    Args:
        niveau, code: the perimeter.
        service, methode: the method used from now on for that service.
        valeurs: for each age range of the method (keyed by age_min), the ratio and `par` as
            typed (text with a decimal comma accepted) or as numbers.
        defauts: the published ratios (`ratio_demande`).

    Raises:
        ErreurRatio: an unknown method, a missing age range or an impossible value (the message
            names the parameter); nothing is written.
        base_utilisateur.BaseUtilisateurOccupee: the file stayed locked.
    """
    lignes = defauts[(defauts["service"] == service) & (defauts["methode"] == methode)]
    if lignes.empty:
        raise ErreurRatio(
            "methode", f"Méthode « {methode} » inconnue pour le service « {service} »."
        )
    a_ecrire = []
    for ligne in lignes.itertuples():
        if int(ligne.age_min) not in valeurs:
            raise ErreurRatio(
                "age_min",
                f"Valeur manquante pour la tranche {ligne.age_min}-{ligne.age_max} ans de la "
                f"méthode « {methode} ».",
            )
        ratio, par = verifier_ratio(
            ligne.unite, int(ligne.age_min), int(ligne.age_max), *valeurs[int(ligne.age_min)]
        )
        a_ecrire.append((int(ligne.age_min), ratio, par, ligne.ratio, ligne.par))
    par_defaut = bool(lignes["defaut"].iloc[0])
    parametres = {"niveau": niveau, "code": code, "service": service}
    with base_utilisateur.ouvrir(ecriture=True, chemin=chemin) as con:
        con.execute(base_utilisateur.texte("ratio_modifie_supprimer"), parametres)
        for age_min, ratio, par, ratio_defaut, par_publie in a_ecrire:
            if ratio == ratio_defaut and par == par_publie:
                continue
            con.execute(
                base_utilisateur.texte("ratio_modifie_enregistrer"),
                {**parametres, "methode": methode, "age_min": age_min, "ratio": ratio, "par": par},
            )
        if par_defaut:
            con.execute(base_utilisateur.texte("methode_choisie_supprimer"), parametres)
        else:
            con.execute(
                base_utilisateur.texte("methode_choisie_enregistrer"),
                {**parametres, "methode": methode},
            )


def retablir(niveau: str, code: str, service: str, chemin: Path | None = None) -> None:
    """Forget a perimeter's changes for one service: back to the published default method."""
    parametres = {"niveau": niveau, "code": code, "service": service}
    with base_utilisateur.ouvrir(ecriture=True, chemin=chemin) as con:
        con.execute(base_utilisateur.texte("ratio_modifie_supprimer"), parametres)
        con.execute(base_utilisateur.texte("methode_choisie_supprimer"), parametres)


def tranches_retenues(reglages: Reglages, defauts: pd.DataFrame, service: str) -> pd.DataFrame:
    """The age ranges and rates a perimeter uses for one service: the rows of its chosen method,
    with its own values where it changed them (columns age_min, age_max, taux, unite). The
    Carte reads them so that its capacity gap is the one of the Services page."""
    ratios = ratios_effectifs(defauts, reglages.modifications, reglages.methodes)
    retenues = ratios[(ratios["service"] == service) & ratios["retenue"]]
    return retenues[["age_min", "age_max", "taux", "unite"]].reset_index(drop=True)


def parametres_ecart_capacite(reglages: Reglages, defauts: pd.DataFrame, service: str) -> dict:
    """Les paramètres ``ages_min``, ``ages_max``, ``taux`` et ``unite`` de la requête
    `carte_ecart_capacite` : les tranches retenues du périmètre (`tranches_retenues`) en listes,
    pour que la Carte donne le même besoin que la page Services."""
    tranches = tranches_retenues(reglages, defauts, service)
    return {
        "ages_min": [int(a) for a in tranches["age_min"]],
        "ages_max": [int(a) for a in tranches["age_max"]],
        "taux": [float(t) for t in tranches["taux"]],
        "unite": str(tranches["unite"].iloc[0]) if len(tranches) else None,
    }
