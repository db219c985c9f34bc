"""La section « Les âges qui comptent pour les services » de la page Population : chaque groupe
d'âges du scénario affiché à l'horizon, avec sa fourchette et son évolution depuis le recensement,
en liste et en graphique."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from vigie.figures import population as gp
from vigie.format_fr import fourchette, libelle_fourchette, nombre, pourcentage
from vigie.interface import composants


def afficher(
    observes: pd.DataFrame, groupes: pd.DataFrame, libelle_scenario: str, source_projection: str
) -> None:
    """La section, pour les groupes observés (`groupes_age_observes`) et projetés du scénario."""
    st.subheader("Les âges qui comptent pour les services")
    evol = gp.evolution_groupes(observes, groupes)
    lignes = []
    for ligne in evol.itertuples():
        if pd.notna(ligne.bas_80):
            texte = fourchette(
                gp.arrondi(ligne.bas_80),
                gp.arrondi(ligne.population),
                gp.arrondi(ligne.haut_80),
                etiquette=True,
            )
        else:
            texte = f"environ {nombre(gp.arrondi(ligne.population))} (scénario sans fourchette)"
        lignes.append(
            f"- **{ligne.libelle}** en {ligne.annee} : {texte} "
            f"— {nombre(ligne.base)} en {ligne.annee_base} "
            f"({pourcentage(ligne.evolution, 0, signe=True)})"
        )
    st.markdown("\n".join(lignes))
    st.caption(
        f"{libelle_fourchette(pluriel=True, majuscule=True)} ({libelle_scenario}). {source_projection}"
    )
    composants.graphique(
        gp.figure_groupes_cles(observes, groupes, source_projection), cle="population_groupes"
    )
