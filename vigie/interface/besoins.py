"""Un service en détail sur la page Services : le besoin et la capacité (chiffres clés, graphique
avec le besoin observé au dernier recensement, tableau année par année) pour le scénario choisi.

Le contexte (`Contexte`) porte ce que la page a déjà lu : le périmètre, le bilan du scénario, son
nom et les lignes de source.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from models.demande import calculer_demande
from vigie import textes
from vigie.analyses import services
from vigie.figures import services as graphiques_services
from vigie.format_fr import ecart, fourchette, libelle_fourchette, nombre
from vigie.interface import composants, donnees


@dataclass(frozen=True)
class Contexte:
    """Ce que les sections d'un service lisent : la sélection de la barre latérale, le bilan du
    scénario choisi (`services.Bilan`), son nom dans une phrase et les sources."""

    selection: object
    bilan: services.Bilan
    nom_scenario: str
    source_ratios: str
    source_equipements: str
    source_figure: str


def _observe(ctx: Contexte, service: str) -> dict | None:
    """Besoin sur la population du dernier recensement, avec le même ratio (le point plein)."""
    indicateurs = donnees.requete(
        "indicateurs_cles", niveau=ctx.selection.niveau, code=ctx.selection.code
    )
    if indicateurs.empty:
        return None
    annee = int(indicateurs["annee"].max())
    pyramide = donnees.requete(
        "pyramide", niveau=ctx.selection.niveau, code=ctx.selection.code, annee=annee
    )
    ratios = ctx.bilan.ratios[
        (ctx.bilan.ratios["service"] == service) & ctx.bilan.ratios["retenue"]
    ]
    observe = calculer_demande(pyramide.assign(scenario="recensement", annee=annee), ratios)
    return {"annee": annee, "demande": float(observe["demande"].iloc[0])} if len(observe) else None


def _tableau(ecart_service: pd.DataFrame, comparable: bool) -> pd.DataFrame:
    """Besoin, capacité et écart par année, aux formats français."""
    d = ecart_service.sort_values("annee")
    unite = d["unite"].iloc[0]
    decimales = 1 if d["demande"].max() < 100 else 0
    tableau = pd.DataFrame({"Année": d["annee"].astype(str)})
    tableau[f"Besoin ({unite})"] = [nombre(v, decimales) for v in d["demande"]]
    if d["bas_80"].notna().any():
        tableau[libelle_fourchette(majuscule=True)] = [
            f"{nombre(b, decimales)} à {nombre(h, decimales)}"
            for b, h in zip(d["bas_80"], d["haut_80"], strict=True)
        ]
    if comparable:
        tableau[f"Capacité ({unite})"] = [nombre(v) for v in d["capacite"]]
        tableau["Écart (capacité − besoin)"] = [ecart(v, decimales) for v in d["ecart"]]
        tableau["Situation"] = [
            "déficit" if central else ("déficit possible (haut)" if haut else "suffisant")
            for central, haut in zip(d["deficit"], d["deficit_haut_80"], strict=True)
        ]
    return tableau


def afficher(ctx: Contexte, service: str) -> None:
    """Graphique, chiffres clés, tableau par année, ratio utilisé et sa forme, pour un service."""
    ligne = ctx.bilan.synthese.set_index("service").loc[service]
    ecart_service = ctx.bilan.ecart[ctx.bilan.ecart["service"] == service]
    libelle = textes.libelle_service(service)
    unite = ligne["unite"]
    comparable = ligne["comparabilite"] == "comparable"

    st.markdown("#### Besoin et capacité")
    c1, c2, c3 = st.columns(3)
    decimales = 1 if ligne["demande"] < 100 else 0
    besoin = (
        f"{libelle_fourchette()} : {nombre(ligne['bas_80'], decimales)} à "
        f"{nombre(ligne['haut_80'], decimales)}"
        if pd.notna(ligne["haut_80"])
        else None
    )
    composants.chiffre_cle(
        c1,
        f"Besoin en {ctx.selection.horizon}",
        graphiques_services.libelle_quantite(ligne["demande"], unite),
        besoin,
        aide=f"{ctx.nom_scenario.capitalize()}. "
        + (
            "Besoin "
            + fourchette(ligne["bas_80"], ligne["demande"], ligne["haut_80"], unite, etiquette=True)
            + ". "
            if besoin
            else ""
        )
        + ctx.source_ratios,
    )
    if comparable:
        composants.chiffre_cle(
            c2,
            f"Capacité en {ctx.selection.horizon}",
            f"{nombre(ligne['capacite'])} {unite}",
            f"écart {ecart(ligne['ecart'], 1 if abs(ligne['ecart']) < 100 else 0)}",
            aide="Équipements en service cette année-là (ouvertures et fermetures connues). "
            + ctx.source_equipements,
        )
        annee, haut = ligne["premiere_annee"], ligne["premiere_annee_haut_80"]
        composants.chiffre_cle(
            c3,
            "Premier déficit",
            str(int(annee)) if pd.notna(annee) else f"aucun d'ici {ctx.selection.horizon}",
            f"hypothèse haute : {int(haut) if pd.notna(haut) else 'aucun'}"
            if pd.notna(ligne["haut_80"])
            else None,
            aide="Première année où le besoin central (puis la borne haute de la "
            f"{libelle_fourchette()}) dépasse la capacité en service.",
        )
    else:
        raison = (
            "aucun équipement recensé dans le périmètre"
            if ligne["comparabilite"] == services.SANS_EQUIPEMENT
            else f"le besoin est compté en {unite}, les équipements en {ligne['unite_capacite']}"
        )
        c2.info(f"Pas de capacité comparable : {raison}.", icon=":material/info:")

    composants.graphique(
        graphiques_services.figure_demande_capacite(
            ecart_service,
            ligne.to_dict(),
            libelle,
            ctx.nom_scenario,
            ctx.source_figure,
            _observe(ctx, service),
        ),
        cle=f"services_graphique_{service}",
    )
    with st.expander("Besoin, capacité et écart année par année"):
        composants.tableau(
            _tableau(ecart_service, comparable),
            cle=f"services_tableau_{service}",
            nom_fichier=f"besoin-capacite-{service}-{ctx.selection.code}",
        )
        st.caption(ctx.source_figure)
