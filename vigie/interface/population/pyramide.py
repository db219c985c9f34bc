"""La section « Pyramide des âges projetée » de la page Population : l'année choisie du scénario
affiché, en barres, contre le trait du dernier recensement, avec son total et sa fourchette."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from vigie.figures import population as gp
from vigie.format_fr import fourchette, libelle_fourchette, nombre
from vigie.interface import composants, donnees
from vigie.interface.scenarios import tableaux


def afficher(
    entree,
    niveau: str,
    code: str,
    horizon: int,
    proj_scenario: pd.DataFrame,
    annee_recensement: int,
    source_projection: str,
) -> None:
    """La section pour le scénario `entree` (une entrée du catalogue des scénarios), dont
    `proj_scenario` est la population totale projetée année par année."""
    st.subheader("Pyramide des âges projetée")
    libelle_scenario = entree.libelle
    annees_proj = sorted(int(a) for a in proj_scenario["annee"].unique())
    annee_pyramide = st.select_slider(
        "Année de la pyramide",
        options=annees_proj,
        value=min(annees_proj[-1], max(annees_proj[0], 2040)) if annees_proj else None,
        key="population_annee",
    )
    pyramide = tableaux.pyramide(entree, niveau, code, annee_pyramide, horizon)
    recensement = donnees.requete("pyramide", niveau=niveau, code=code, annee=annee_recensement)
    gauche, droite = st.columns([3, 2])
    with gauche:
        composants.graphique(
            gp.figure_pyramide_projetee(
                pyramide, annee_pyramide, recensement, annee_recensement, source_projection
            ),
            cle="population_pyramide",
        )
    with droite:
        total_pyr = pyramide["population"].sum()
        annee_totale = proj_scenario[proj_scenario["annee"] == annee_pyramide]
        borne = annee_totale.iloc[0] if not annee_totale.empty else None
        a_fourchette = borne is not None and pd.notna(borne["bas_80"])
        composants.chiffre_cle(
            st,
            f"Habitants en {annee_pyramide} ({libelle_scenario.lower()})",
            nombre(gp.arrondi(total_pyr)),
            f"{libelle_fourchette()} : {nombre(gp.arrondi(borne['bas_80']))} à "
            f"{nombre(gp.arrondi(borne['haut_80']))}"
            if a_fourchette
            else None,
            aide=fourchette(
                borne["bas_80"], borne["population"], borne["haut_80"], "habitants", etiquette=True
            )
            + "."
            if a_fourchette
            else None,
        )
        st.markdown(
            "Les barres montrent la population projetée par âge ; le trait noir, celle du "
            f"recensement de {annee_recensement}. Là où les barres dépassent le trait, une "
            "génération est plus nombreuse qu'aujourd'hui au même âge."
        )
