"""Les hypothèses des scénarios et la méthode, en bas de la page Population : une phrase par
scénario standard (ce qu'il change) et le modèle par composantes en mots."""

from __future__ import annotations

import json

import pandas as pd
import streamlit as st

from vigie.format_fr import ecart as ecart_signe
from vigie.format_fr import nombre


def afficher(scenarios: pd.DataFrame) -> None:
    """L'encadré, pour les scénarios standard (`scenarios` : requête `projection_scenarios`)."""
    with st.expander("Hypothèses des scénarios et méthode"):
        for ligne in scenarios.itertuples():
            p = json.loads(ligne.parametres)
            details = []
            if p.get("fecondite_ecart"):
                details.append(f"fécondité {ecart_signe(p['fecondite_ecart'], 1)} enfant par femme")
            if p.get("esperance_vie") != "centrale":
                details.append(f"espérance de vie {p['esperance_vie']}")
            if p.get("migration_multiplicateur") != 1:
                details.append(f"soldes migratoires × {nombre(p['migration_multiplicateur'], 1)}")
            st.markdown(
                f"- **{ligne.libelle}** : "
                + (", ".join(details) if details else "tendances récentes prolongées")
            )
        st.markdown(
            "**Méthode** : modèle par composantes (celui d'Omphale, l'outil de projection de l'INSEE), "
            "par commune, sexe et âge détaillé, année par année. Mortalité : quotients nationaux par "
            "âge ajustés aux décès observés du territoire, en baisse comme dans l'hypothèse centrale de "
            "l'INSEE. Fécondité : profil national par âge, niveau des naissances observées. Migrations : "
            "soldes par âge entre les deux derniers recensements, mutualisés avec l'intercommunalité "
            "pour les petites communes. Les niveaux s'additionnent : la somme des communes fait "
            "l'intercommunalité et le territoire."
        )
