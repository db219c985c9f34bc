"""Demande de services face à la capacité, pour un périmètre : les chiffres et les alertes en
français.

Relie les tables de la base (population projetée, bornes simulées, ratios publiés, équipements) et
les ratios propres de l'utilisateur à `models.demande`, et formule le résultat pour les élus
(« Petite enfance (crèches) : places insuffisantes dès 2029 dans le scénario central (dès 2027 dans
l'hypothèse haute) »). Pas de streamlit ici : la page Services, la page d'accueil et les exports le
partagent. Calculé à l'affichage de la page (environ 0,1 s pour le Pays, voir
`bench/bench_services.py`), si bien qu'un ratio modifié se voit aussitôt, sans reconstruction.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from models.demande import (
    COMPARABLE,
    SANS_EQUIPEMENT,
    calculer_demande,
    ecart_capacite,
    premieres_annees,
    ratios_effectifs,
)
from models.demande.ratios import public
from vigie import textes
from vigie.format_fr import fourchette, nombre
from vigie.stockage import catalogue_services

SCENARIO_CENTRAL = "central"

# Comment se dit un manque, par unité de capacité (accord de l'adjectif avec le nom).
MANQUE = {
    "places": "places insuffisantes",
    "places (tous modes)": "places insuffisantes",
    "lits": "lits insuffisants",
    "classes": "classes insuffisantes",
    "élèves": "places insuffisantes",
}

# Gravité d'une alerte, la plus urgente d'abord (l'ordre dans lequel elles sont listées).
DEFICIT, RISQUE, SUFFISANT, SANS_OBJET = "deficit", "risque", "suffisant", "sans_objet"
ORDRE_GRAVITE = {DEFICIT: 0, RISQUE: 1, SUFFISANT: 2, SANS_OBJET: 3}


@dataclass(frozen=True)
class Bilan:
    """Demande et capacité de tous les services d'un périmètre, pour un scénario et un horizon.

    Attributes:
        ratios: ratios effectifs de toutes les méthodes (`retenue` marque celles utilisées).
        ecart: une ligne par service et par année jusqu'à l'horizon (méthode retenue) : demande
            avec ses bornes, capacité, écart (voir `models.demande.ecart_capacite`).
        synthese: une ligne par service : premières années de déficit et chiffres à l'horizon.
        scenario: code du scénario ; horizon: dernière année.
    """

    ratios: pd.DataFrame
    ecart: pd.DataFrame
    synthese: pd.DataFrame
    scenario: str
    horizon: int


@dataclass(frozen=True)
class Alerte:
    """Une phrase sur un service, avec sa gravité (deficit, risque, suffisant, sans_objet)."""

    service: str
    gravite: str
    texte: str


def calculer_bilan(
    population: pd.DataFrame,
    intervalles: pd.DataFrame,
    defauts: pd.DataFrame,
    equipements: pd.DataFrame,
    horizon: int,
    scenario: str = SCENARIO_CENTRAL,
    modifications: pd.DataFrame | None = None,
    methodes: dict[str, str] | None = None,
) -> Bilan:
    """Demande face à la capacité de tous les services dotés d'un ratio, jusqu'à l'horizon.

    Args:
        population: population projetée du périmètre (scenario, annee, age, population).
        intervalles: bornes simulées de ses groupes d'âge (vide pour un scénario qui n'en a pas).
        defauts: ratios publiés (`ratio_demande`) ; modifications, methodes : ceux du périmètre.
        equipements: les équipements du périmètre (requête `equipements`).
        horizon: dernière année montrée ; scenario: le scénario de `population`.
    """
    ratios = ratios_effectifs(defauts, modifications, methodes)
    population = population[population["annee"] <= horizon]
    if not intervalles.empty:
        intervalles = intervalles[intervalles["annee"] <= horizon]
    demande = calculer_demande(population, ratios, intervalles)
    ecart = ecart_capacite(demande, equipements)
    synthese = premieres_annees(ecart, horizon)
    if not synthese.empty:
        synthese["libelle"] = synthese["service"].map(textes.libelle_service)
        # L'ordre du registre (data/reference/services.csv), le même dans chaque liste et
        # graphique.
        synthese["rang"] = synthese["service"].map(catalogue_services.rang)
        synthese = synthese.sort_values("rang").drop(columns="rang").reset_index(drop=True)
    return Bilan(ratios=ratios, ecart=ecart, synthese=synthese, scenario=scenario, horizon=horizon)


def nom_scenario(scenario: str, libelle: str | None = None) -> str:
    """`le scénario central`, `le scénario « Fécondité haute (+0,2 enfant par femme) »`."""
    if scenario == SCENARIO_CENTRAL:
        return "le scénario central"
    return f"le scénario « {libelle or scenario} »"


def alerte(
    ligne: pd.Series | dict,
    libelle_scenario: str | None = None,
    sans_fichier: bool = False,
    manque_debut: float | None = None,
) -> Alerte:
    """La phrase qu'un élu lit sur un service (une ligne de `Bilan.synthese`).

    `sans_fichier` : aucun service du périmètre n'a d'équipement (`sans_aucun_equipement`) : c'est
    le fichier des équipements qui manque, le besoin n'est pas « couvert par les communes
    voisines ». `manque_debut` : le manque la première année projetée (demande − capacité), dit
    « il en manque déjà N » quand le déficit existe dès cette année-là, c'est-à-dire aujourd'hui."""
    ligne = dict(ligne)
    service = ligne["service"]
    nom = textes.libelle_service(service)
    dans = "dans " + nom_scenario(ligne["scenario"], libelle_scenario)
    horizon, debut = int(ligne["horizon"]), int(ligne["annee_debut"])
    unite = ligne["unite"]
    if ligne["comparabilite"] == SANS_EQUIPEMENT:
        return Alerte(
            service,
            SANS_OBJET,
            f"{nom} : aucun équipement recensé dans le périmètre ; besoin en {horizon} "
            f"{_besoin(ligne)} "
            + (
                "(aucun fichier d'équipements importé pour ce périmètre)."
                if sans_fichier
                else "(à couvrir par les équipements des communes voisines)."
            ),
        )
    if ligne["comparabilite"] != COMPARABLE:
        return Alerte(
            service,
            SANS_OBJET,
            f"{nom} : pas de capacité comparable (besoin compté en {unite}, équipements en "
            f"{ligne['unite_capacite']}).",
        )
    manque = MANQUE.get(unite, "capacité insuffisante")
    annee = _annee(ligne["premiere_annee"])
    annee_haut = _annee(ligne["premiere_annee_haut_80"])
    a_fourchette = pd.notna(ligne.get("haut_80"))
    if annee is not None:
        fin = _annee(ligne.get("fin_deficit"))
        if annee == debut:
            # Déficit dès la première année projetée : le manque existe aujourd'hui, pas dans
            # l'avenir.
            manque = manque.replace(" ", " déjà ", 1)
            periode = "aujourd'hui"
            if manque_debut is not None and manque_debut > 0:
                periode += f" (il en manque déjà {_quantite(manque_debut, unite)} en {debut})"
            else:
                periode += f" (en {debut}, première année projetée)"
            if fin is not None and fin - 1 > annee:
                periode += f" et jusqu'en {fin - 1}"
        elif fin is not None:
            periode = f"de {annee} à {fin - 1}" if fin - 1 > annee else f"en {annee}"
        else:
            periode = f"dès {annee}"
        texte = f"{nom} : {manque} {periode} {dans}"
        if annee_haut is not None and annee_haut < annee:
            texte += f" (dès {annee_haut} dans l'hypothèse haute)"
        if fin is not None:
            texte += f", puis capacité suffisante jusqu'en {horizon}"
        manquant = ligne["demande"] - ligne["capacite"]
        if manquant > 0:
            texte += f" ; il manquerait {_quantite(manquant, unite)} en {horizon}"
        return Alerte(service, DEFICIT, texte + ".")
    if annee_haut is not None:
        return Alerte(
            service,
            RISQUE,
            f"{nom} : capacité suffisante jusqu'en {horizon} {dans}, mais {manque} dès "
            f"{annee_haut} dans l'hypothèse haute.",
        )
    suite = ", même dans l'hypothèse haute" if a_fourchette else f" {dans}"
    return Alerte(service, SUFFISANT, f"{nom} : capacité suffisante jusqu'en {horizon}{suite}.")


def alertes(bilan: Bilan, libelle_scenario: str | None = None) -> list[Alerte]:
    """Une alerte par service, la plus urgente d'abord (déficits, puis risques, puis le reste)."""
    sans_fichier = sans_aucun_equipement(bilan)
    liste = [
        alerte(ligne, libelle_scenario, sans_fichier, manque_debut(bilan, ligne["service"]))
        for _, ligne in bilan.synthese.iterrows()
    ]
    return sorted(liste, key=lambda a: ORDRE_GRAVITE[a.gravite])


def manque_debut(bilan: Bilan, service: str) -> float | None:
    """Demande − capacité d'un service la première année projetée (None sans lignes ou sans
    capacité) : le manque d'aujourd'hui, dit par l'alerte et par la Présentation."""
    g = bilan.ecart[bilan.ecart["service"] == service]
    if g.empty or "capacite" not in g:
        return None
    premier = g.sort_values("annee").iloc[0]
    manque = premier["demande"] - premier["capacite"]
    return None if pd.isna(manque) else float(manque)


def _quantite(valeur: float, unite: str) -> str:
    """`1 078 lits`, `0,4 classe` (une décimale sous 10 : une fraction de classe a un sens)."""
    texte = nombre(valeur, 1 if abs(valeur) < 10 and not float(valeur).is_integer() else 0)
    if abs(valeur) < 2 and unite.endswith("s") and " " not in unite:
        unite = unite[:-1]
    return f"{texte} {unite}"


def _annee(valeur) -> int | None:
    return None if valeur is None or pd.isna(valeur) else int(valeur)


def _besoin(ligne: dict) -> str:
    unite = ligne["unite"]
    if pd.notna(ligne.get("bas_80")) and pd.notna(ligne.get("haut_80")):
        return fourchette(ligne["bas_80"], ligne["demande"], ligne["haut_80"], unite)
    return f"{nombre(ligne['demande'])} {unite}"


def phrase_ratio(ratio: float, par: float, unite: str, age_min: int, age_max: int) -> str:
    """`17,8 places pour 100 enfants de moins de 3 ans`, `1 classe pour 24 enfants de 3 à 5 ans`."""
    unite_accordee = (
        unite[:-1] if ratio <= 1 and unite.endswith("s") and " " not in unite else unite
    )
    if par == 1:
        return f"{nombre(ratio, _decimales(ratio))} {unite_accordee} par {public(age_min, age_max, True)}"
    return (
        f"{nombre(ratio, _decimales(ratio))} {unite_accordee} pour {nombre(par, _decimales(par))} "
        f"{public(age_min, age_max)}"
    )


def _decimales(x: float) -> int:
    return 0 if float(x).is_integer() else (1 if round(x, 1) == round(x, 2) else 2)


@dataclass(frozen=True)
class Resume:
    """Alertes groupées pour une lecture courte : les urgentes en entier, les autres en une ligne
    chacune."""

    urgentes: list[Alerte]  # déficits, puis risques (hypothèse haute seulement)
    suffisants: str | None  # "Capacité suffisante jusqu'en 2050, même dans l'hypothèse haute : …"
    sans_objet: (
        str | None
    )  # "Aucun équipement dans le périmètre : … Pas de capacité comparable : …"


def sans_aucun_equipement(bilan: Bilan) -> bool:
    """Vrai quand aucun service du périmètre n'a d'équipement : c'est le fichier des
    équipements qui manque (pas un besoin servi par les voisins), et la page le dit."""
    synthese = bilan.synthese
    return not synthese.empty and bool((synthese["comparabilite"] == SANS_EQUIPEMENT).all())


def resumer(bilan: Bilan, libelle_scenario: str | None = None) -> Resume:
    """Regroupe les alertes d'un périmètre comme les montre la page d'accueil."""
    liste = alertes(bilan, libelle_scenario)
    suffisants = [a for a in liste if a.gravite == SUFFISANT]
    phrase = None
    if suffisants:
        noms = [textes.libelle_service(a.service) for a in suffisants]
        a_fourchette = bilan.synthese["haut_80"].notna().any()
        condition = (
            ", même dans l'hypothèse haute"
            if a_fourchette
            else " dans " + nom_scenario(bilan.scenario, libelle_scenario)
        )
        phrase = f"Capacité suffisante jusqu'en {bilan.horizon}{condition} : {', '.join(noms)}."
    synthese = bilan.synthese.set_index("service")
    sans_equipement = [
        textes.libelle_service(a.service)
        for a in liste
        if a.gravite == SANS_OBJET and synthese.at[a.service, "comparabilite"] == SANS_EQUIPEMENT
    ]
    autres_unites = [
        f"{textes.libelle_service(a.service)} (besoin en {synthese.at[a.service, 'unite']}, "
        f"équipements en {synthese.at[a.service, 'unite_capacite']})"
        for a in liste
        if a.gravite == SANS_OBJET and synthese.at[a.service, "comparabilite"] != SANS_EQUIPEMENT
    ]
    morceaux = []
    if sans_aucun_equipement(bilan):
        morceaux.append(textes.SANS_FICHIER_EQUIPEMENTS_COURT)
    elif sans_equipement:
        morceaux.append(
            "Aucun équipement dans le périmètre (besoin servi par les territoires voisins) : "
            + ", ".join(sans_equipement)
            + "."
        )
    if autres_unites:
        morceaux.append("Pas de capacité comparable : " + ", ".join(autres_unites) + ".")
    return Resume(
        urgentes=[a for a in liste if a.gravite in (DEFICIT, RISQUE)],
        suffisants=phrase,
        sans_objet=" ".join(morceaux) or None,
    )
