"""Les documents des pages Exporter et Présentation : rassemblés et produits une fois par
territoire, scénario et horizon, gardés en cache jusqu'à ce que les données ou les ratios de
l'utilisateur changent ; et la description de chaque document téléchargeable (`DOCUMENTS`)."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from vigie.exports import classeur, contenu, diaporama, lot, pdf
from vigie.interface import connexion
from vigie.interface.composants import Document
from vigie.stockage import base_utilisateur

DOCUMENTS = {
    "dossier": Document(
        "Dossier de séance (PDF)",
        "Synthèse, population, chaque service, écarts de capacité année par année, scénarios "
        "comparés, méthodes et sources ; pages numérotées.",
        "Télécharger le dossier PDF",
        "-dossier.pdf",
        "application/pdf",
        "exports_pdf",
        ":material/picture_as_pdf:",
        principal=True,
    ),
    "diaporama": Document(
        "Diaporama (PowerPoint)",
        "Les écrans du mode Présentation : un message par diapositive, textes modifiables, "
        "graphiques en images.",
        "Télécharger le diaporama",
        "-diaporama.pptx",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "exports_pptx",
        ":material/slideshow:",
    ),
    "classeur": Document(
        "Classeur (Excel)",
        "Données, projections et prévisions avec leurs fourchettes, une feuille par thème et "
        "une par commune, en-têtes en français avec les unités.",
        "Télécharger le classeur",
        "-donnees.xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "exports_xlsx",
        ":material/table_view:",
    ),
}
_FABRIQUES = {
    "dossier": pdf.dossier_pdf,
    "diaporama": diaporama.diaporama_pptx,
    "classeur": classeur.classeur_xlsx,
}


def _curseur():
    return connexion.catalogue().curseur()


def _versions() -> tuple[tuple, int]:
    """Les versions des données et de la base de l'utilisateur : la clé de cache qui change avec
    elles."""
    return connexion.version_donnees(), base_utilisateur.version()


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
    """Les chiffres, phrases et graphiques d'un territoire et d'un scénario (voir
    `contenu.Dossier`)."""
    return _dossier(niveau, code, scenario, int(horizon), *_versions())


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
    if quoi == "classeur":  # plus one sheet per commune, read only for the workbook
        curseur = _curseur()
        try:
            return classeur.classeur_xlsx(d, contenu.projection_communes(curseur, d))
        finally:
            curseur.close()
    return _FABRIQUES[quoi](d)


def document(quoi: str, niveau: str, code: str, scenario: str, horizon: int) -> bytes:
    """`dossier` (PDF), `diaporama` (PPTX) ou `classeur` (XLSX), en octets."""
    return _document(quoi, niveau, code, scenario, int(horizon), *_versions())


def fabrique(quoi: str, niveau: str, code: str, scenario: str, horizon: int) -> Callable[[], bytes]:
    """La fonction qui produit le document au clic du bouton de téléchargement ; les versions
    sont lues ici, dans le fil de la page (le bouton appelle la fonction dans un autre fil)."""
    cle = (quoi, niveau, code, scenario, int(horizon), *_versions())
    return lambda: _document(*cle)


def fiches(niveau: str, code: str, scenario: str, horizon: int, avancer) -> bytes:
    """Le ZIP des fiches communes, l'avancement montré par `avancer(message, fraction)`."""
    curseur = _curseur()
    try:
        return lot.fiches_zip(curseur, niveau, code, int(horizon), scenario, avancer)
    finally:
        curseur.close()
