"""Le choix de la page Importer pour un export BDM de l'INSEE : série nationale de référence (par
défaut) ou série d'usage d'un service, que la prévision (« python -m vigie forecast », page
Fréquentation) traitera ensuite (issue 20). La commande dit la même chose avec ``--usage``."""

from __future__ import annotations

import streamlit as st

from vigie.stockage import catalogue_services

NATIONALE = "série nationale de référence"


def choix_usage() -> dict | None:
    """Le ``usage`` à passer à ``importation.importer`` : ``None`` (série nationale) ou le
    service, l'indicateur et l'unité choisis."""
    services = {s.libelle: s.code for s in catalogue_services.services()}
    with st.expander("Export de la BDM de l'INSEE (idBank) : série d'usage ?", expanded=False):
        choix = st.selectbox(
            "Lire les exports BDM déposés comme",
            [NATIONALE, *(f"série d'usage : {libelle}" for libelle in services)],
            key="import_usage_service",
            help="Une série d'usage est prévue par la page Fréquentation ; ses mois absents "
            "(code « O », cellule vide) restent des trous.",
        )
        if choix == NATIONALE:
            return None
        unite = st.text_input("Unité des valeurs", value="nombre", key="import_usage_unite")
    return {
        "service": services[choix.removeprefix("série d'usage : ")],
        "unite": unite.strip() or None,
    }


def annonce_prevision(rapport) -> str | None:
    """La phrase qui suit un import de séries d'usage, ``None`` s'il n'y en a pas."""
    if any(f.statut == "importé" and f.lignes.get("usage_observation") for f in rapport.fichiers):
        return (
            "Séries d'usage importées : « Calculer les prévisions maintenant » sur la page "
            "Fréquentation (ou « python -m vigie forecast ») les prévoira."
        )
    return None
