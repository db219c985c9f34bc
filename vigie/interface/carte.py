"""Les données en cache de la page Carte : les contours simplifiés de chaque périmètre, les
indicateurs des analystes, et les valeurs d'un scénario enregistré (`executer_scenario`).

Les contours sont lus, simplifiés et rangés une fois par périmètre et version de la base, et gardés
en un seul objet partagé (`st.cache_resource` : la FeatureCollection est seulement lue, jamais
copiée à chaque réexécution).
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from vigie.analyses import cartographie, indicateurs, scenario_perimetre, scenarios
from vigie.interface import connexion, donnees
from vigie.interface.scenarios import calcul
from vigie.interface.scenarios.catalogue import Entree
from vigie.reglages import ratios_utilisateur


@st.cache_resource(show_spinner=False, max_entries=64)
def _contours(niveau: str, code: str, version: tuple) -> cartographie.Contours:
    lignes = donnees.requete("carte_contours", niveau=niveau, code=code)
    return cartographie.contours(
        lignes["code_commune"].tolist(), lignes["nom_commune"].tolist(), lignes["geojson"].tolist()
    )


def contours(niveau: str, code: str) -> cartographie.Contours:
    """Les contours simplifiés des communes d'un périmètre (en cache par périmètre)."""
    return _contours(niveau, code, connexion.version_donnees())


@st.cache_data(show_spinner=False, max_entries=8)
def _indicateurs_analystes(version: tuple) -> list[indicateurs.Indicateur]:
    return indicateurs.lister_catalogue(connexion.catalogue())


def indicateurs_analystes() -> list[indicateurs.Indicateur]:
    """Les vues de sql/views de la forme `code_commune, annee, valeur [, scenario]`, en
    indicateurs de la carte."""
    return _indicateurs_analystes(connexion.version_donnees())


def executer(nom: str, **parametres) -> pd.DataFrame:
    """Lance une requête nommée par le cache des pages (l'`Executer` du catalogue). L'écart de
    capacité reçoit les tranches d'âge et les taux du périmètre (ses ratios modifiés sur la page
    Services, sinon la méthode publiée) : la carte et la page Services donnent un même besoin."""
    if nom == "carte_ecart_capacite":
        parametres = {
            **parametres,
            **_taux_du_perimetre(parametres["niveau"], parametres["code"], parametres["service"]),
        }
    return donnees.requete(nom, **parametres)


def _taux_du_perimetre(niveau: str, code: str, service: str) -> dict:
    """Les taux du périmètre (ses ratios modifiés, sinon la méthode publiée) pour l'écart."""
    return ratios_utilisateur.parametres_ecart_capacite(
        ratios_utilisateur.lire(niveau, code), donnees.requete("ratios_demande"), service
    )


def _ecart_communes(entree: Entree, niveau: str, code: str, service: str, annee: int):
    """L'écart capacité − besoin d'un service par commune sous un scénario enregistré : le bilan
    de chaque commune calculé comme sur la page Services (ses hypothèses, ses équipements)."""
    communes = donnees.requete("communes_du_perimetre", niveau=niveau, code=code)
    lignes = []
    for commune in communes["code_commune"]:
        ecart = calcul.resultat_entree(entree, "commune", str(commune), annee).bilan.ecart
        ligne = ecart[(ecart["service"] == service) & (ecart["annee"] == annee)]
        if len(ligne):
            ligne = ligne.iloc[0]
            lignes.append(
                {
                    "code_commune": str(commune),
                    "demande": float(ligne["demande"]),
                    "capacite": float(ligne["capacite"]),
                    "ecart": float(ligne["ecart"]),
                    "unite": str(ligne["unite"]),
                }
            )
    return pd.DataFrame(lignes, columns=["code_commune", "demande", "capacite", "ecart", "unite"])


def executer_scenario(entree: Entree, derniere_annee: int):
    """L'`Executer` des indicateurs de la carte pour le scénario choisi : celui du cache des pages
    pour un scénario standard ; pour un scénario enregistré, ses valeurs par commune sont
    calculées sous ses hypothèses (population et âges de sa projection, fourchettes approchées
    par la largeur relative de celles du central, bilan des services de chaque commune)."""
    if not entree.enregistre:
        return executer

    def lancer(nom: str, **parametres) -> pd.DataFrame:
        if parametres.get("scenario") != entree.cle:
            return executer(nom, **parametres)
        annee = int(parametres["annee"])
        if nom == "carte_ecart_capacite":
            return _ecart_communes(
                entree, parametres["niveau"], parametres["code"], parametres["service"], annee
            )
        reference = executer(nom, **{**parametres, "scenario": scenarios.CENTRAL})
        projection = calcul.projection_entree(
            entree, derniere_annee, parametres["niveau"], parametres["code"]
        )
        if nom == "carte_population":
            return scenario_perimetre.carte_population(
                projection, reference, annee, parametres["groupe_age"]
            )
        if nom == "carte_evolution_projetee":
            return scenario_perimetre.carte_evolution(projection, reference, annee)
        raise KeyError(f"Requête de carte sans calcul pour un scénario enregistré : {nom}")

    return lancer
