"""Documents for the pages (Exporter, Présentation): gathered and produced once per territory,
scenario and horizon, cached until the data or the user's ratios change."""

from __future__ import annotations

import streamlit as st

from vigie.exports import classeur, contenu, diaporama, lot, pdf
from vigie.interface import connexion
from vigie.stockage import base_utilisateur


def _curseur():
    return connexion.catalogue().curseur()


@st.cache_resource(show_spinner=False, max_entries=16)
def _dossier(
    niveau: str, code: str, scenario: str, horizon: int, version: tuple, version_utilisateur: int
) -> contenu.Dossier:
    curseur = _curseur()
    try:
        return contenu.rassembler(curseur, niveau, code, horizon, scenario)
    finally:
        curseur.close()


def dossier(niveau: str, code: str, scenario: str, horizon: int) -> contenu.Dossier:
    """The figures, sentences and charts of one territory and scenario (see `contenu.Dossier`)."""
    return _dossier(
        niveau,
        code,
        scenario,
        int(horizon),
        connexion.version_donnees(),
        base_utilisateur.version(),
    )


@st.cache_data(show_spinner=False, max_entries=16)
def _document(
    quoi: str,
    niveau: str,
    code: str,
    scenario: str,
    horizon: int,
    version: tuple,
    version_utilisateur: int,
) -> bytes:
    d = _dossier(niveau, code, scenario, horizon, version, version_utilisateur)
    fabrique = {
        "dossier": pdf.dossier_pdf,
        "diaporama": diaporama.diaporama_pptx,
        "classeur": classeur.classeur_xlsx,
    }[quoi]
    return fabrique(d)


def document(quoi: str, niveau: str, code: str, scenario: str, horizon: int) -> bytes:
    """`dossier` (PDF), `diaporama` (PPTX) or `classeur` (XLSX), as bytes."""
    return _document(
        quoi,
        niveau,
        code,
        scenario,
        int(horizon),
        connexion.version_donnees(),
        base_utilisateur.version(),
    )


def fiches(niveau: str, code: str, scenario: str, horizon: int, avancer) -> bytes:
    """The ZIP of commune briefs, with progress shown through `avancer(message, fraction)`."""
    curseur = _curseur()
    try:
        return lot.fiches_zip(curseur, niveau, code, int(horizon), scenario, avancer)
    finally:
        curseur.close()
