"""La section « Naissances, décès et migrations projetés » de la page Population : les
composantes du scénario affiché, année par année."""

from __future__ import annotations

import streamlit as st

from vigie.figures import population as gp
from vigie.interface import composants
from vigie.interface.scenarios import tableaux


def afficher(entree, niveau: str, code: str, horizon: int, source_projection: str) -> None:
    """La section pour le scénario `entree` (une entrée du catalogue des scénarios)."""
    st.subheader("Naissances, décès et migrations projetés")
    composantes = tableaux.composantes(entree, niveau, code, horizon)
    composants.graphique(
        gp.figure_composantes(composantes, source_projection), cle="population_composantes"
    )
    st.caption(
        "Solde migratoire : arrivées moins départs, estimé entre les deux derniers recensements "
        "(méthode des résidus) et prolongé selon le scénario. Pour une commune, il comprend les "
        "déménagements entre communes du territoire."
    )
