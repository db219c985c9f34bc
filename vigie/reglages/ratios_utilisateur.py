"""Ratios de demande changés par l'utilisateur pour un territoire, gardés dans sa base.

Les défauts publiés (table `ratio_demande` de la base construite) ne sont jamais écrasés : une
modification est stockée par périmètre (niveau, code) dans `ratio_modifie`, la méthode choisie
dans `methode_choisie`, et appliquée par-dessus les défauts par `models.demande.ratios_effectifs`.
Une valeur égale au défaut n'est pas stockée (le périmètre suit alors simplement le défaut, même
si le fichier de référence change plus tard).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from models.demande import ErreurRatio, ratios_effectifs, verifier_ratio
from vigie.stockage import base_utilisateur


@dataclass(frozen=True)
class Reglages:
    """Ce qu'un périmètre a changé : valeurs de ratios et méthodes choisies."""

    modifications: pd.DataFrame  # service, methode, age_min, ratio, par, modifie_le
    methodes: dict[str, str]  # service -> methode


def lire(niveau: str, code: str, chemin: Path | None = None) -> Reglages:
    """Les ratios changés et méthodes choisies du périmètre (vides s'il n'y en a pas)."""
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
    """Vérifie et enregistre les ratios d'un service pour un périmètre, en une transaction.

    Args:
        niveau, code: le périmètre.
        service, methode: la méthode utilisée désormais pour ce service.
        valeurs: pour chaque tranche d'âge de la méthode (clé age_min), le ratio et `par` tels
            que saisis (texte, virgule décimale acceptée) ou en nombres.
        defauts: les ratios publiés (`ratio_demande`).

    Raises:
        ErreurRatio: une méthode inconnue, une tranche d'âge manquante ou une valeur impossible
            (le message nomme le paramètre) ; rien n'est écrit.
        base_utilisateur.BaseUtilisateurOccupee: le fichier est resté verrouillé.
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
    """Oublie les modifications d'un périmètre pour un service : retour à la méthode publiée par
    défaut."""
    parametres = {"niveau": niveau, "code": code, "service": service}
    with base_utilisateur.ouvrir(ecriture=True, chemin=chemin) as con:
        con.execute(base_utilisateur.texte("ratio_modifie_supprimer"), parametres)
        con.execute(base_utilisateur.texte("methode_choisie_supprimer"), parametres)


def tranches_retenues(reglages: Reglages, defauts: pd.DataFrame, service: str) -> pd.DataFrame:
    """Les tranches d'âge et taux qu'un périmètre utilise pour un service : les lignes de sa méthode
    choisie, avec ses propres valeurs là où il les a changées (colonnes age_min, age_max, taux,
    unite). La Carte les lit pour que son écart de capacité soit celui de la page Services."""
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
