"""Les documents des pages Exporter et Présentation : rassemblés et produits une fois par
territoire, scénario et horizon, gardés en cache jusqu'à ce que les données ou les ratios de
l'utilisateur changent ; et la description de chaque document téléchargeable (`DOCUMENTS`).

Le scénario est un code du catalogue commun (`vigie.interface.scenarios.catalogue`) : un scénario
standard est lu dans la base ; un scénario enregistré est calculé sous ses hypothèses comme sur la
page Services (même projection, même bilan des services avec ses taux, ouvertures et fermetures),
puis remis aux documents comme un `contenu.ScenarioCalcule`."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from dataclasses import replace

import pandas as pd
import streamlit as st

from models.scenarios import appliquer_equipements
from vigie.analyses import scenarios
from vigie.exports import classeur, contenu, diaporama, lot, pdf
from vigie.interface import connexion, donnees
from vigie.interface.composants import Document
from vigie.interface.scenarios import calcul
from vigie.interface.scenarios.catalogue import catalogue
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


def _rassembler(
    curseur, niveau: str, code: str, scenario: str, horizon: int, comparer: bool = True
) -> contenu.Dossier:
    """Le dossier d'un scénario du catalogue ; celui d'un scénario enregistré porte ses propres
    résultats (projection, bilan des services, équipements ouverts et fermés)."""
    entree = catalogue().get(scenario)
    if entree is None or not entree.enregistre:
        return contenu.rassembler(curseur, niveau, code, horizon, scenario, comparer=comparer)
    t = calcul.tableaux_entree(entree, niveau, code, horizon)
    resultat = calcul.resultat_entree(entree, niveau, code, horizon)
    groupes = t.groupes
    calcule = contenu.ScenarioCalcule(
        code=entree.cle,
        libelle=entree.libelle,
        population=t.ages,
        totale=t.totale,
        groupes=groupes,
        intervalles=groupes[groupes["bas_80"].notna()].assign(scenario=entree.cle),
        composantes=t.composantes,
        pyramide_horizon=t.pyramide(horizon),
        parametres=entree.hypotheses.demographie.to_dict(),
        stocke=False,
    )
    dossier = contenu.rassembler(curseur, niveau, code, horizon, calcule, comparer=comparer)
    # Le bilan des documents est celui de la page Services pour ce scénario : ses taux, ses
    # ouvertures et ses fermetures d'équipements comptent (rassembler ne lit que la démographie).
    perimetre = calcul.perimetre(niveau, code)
    equipements = appliquer_equipements(
        perimetre.equipements, entree.hypotheses, perimetre.communes
    )
    return replace(
        dossier,
        bilan=resultat.bilan,
        equipements=equipements,
        scenarios_compares=_avec_le_scenario(dossier, entree, perimetre, resultat.bilan),
    )


def _avec_le_scenario(d: contenu.Dossier, entree, perimetre, bilan) -> pd.DataFrame:
    """La comparaison des scénarios standard du dossier, et le scénario enregistré en dernier
    (ses hypothèses en mots, sa population, ses manques) : le PDF, le classeur et l'écran
    « Et si les hypothèses changeaient ? » le placent parmi les autres."""
    compares = d.scenarios_compares
    if compares.empty or entree.cle in set(compares["scenario"]):
        return compares
    central = compares.loc[compares["scenario"] == scenarios.CENTRAL, "population"]
    changements = scenarios.decrire(
        entree.hypotheses, perimetre.communes, perimetre.equipements, perimetre.defauts
    )
    ligne = contenu.ligne_comparaison(
        entree.cle,
        entree.libelle,
        ", ".join(changements) or "tendances récentes prolongées",
        float(d.fin["population"]),
        float(central.iloc[0]) if len(central) else None,
        bilan.synthese,
    )
    return pd.concat([compares, pd.DataFrame([ligne])], ignore_index=True)


def _cle(niveau: str, code: str, scenario: str, horizon: int) -> tuple:
    """La clé de cache d'un dossier : le périmètre, le scénario, l'horizon et les versions des
    données et de la base de l'utilisateur (la clé change avec elles)."""
    return (niveau, code, scenario, int(horizon), *_versions())


@st.cache_resource(show_spinner=False, max_entries=16)
def _dossier(cle: tuple, comparer: bool = True) -> contenu.Dossier:
    niveau, code, scenario, horizon = cle[:4]
    curseur = _curseur()
    try:
        return _rassembler(curseur, niveau, code, scenario, horizon, comparer=comparer)
    finally:
        curseur.close()


def dossier(niveau: str, code: str, scenario: str, horizon: int) -> contenu.Dossier:
    """Les chiffres, phrases et graphiques d'un territoire et d'un scénario (voir
    `contenu.Dossier`)."""
    return _dossier(_cle(niveau, code, scenario, horizon))


def apercu(niveau: str, code: str, scenario: str, horizon: int) -> contenu.Dossier:
    """Le dossier sans la comparaison des scénarios standard : ce que la page Exporter montre
    avant tout clic. La comparaison (un bilan des services par scénario, plus d'une seconde pour
    une commune) n'est calculée qu'au téléchargement d'un document qui la porte."""
    return _dossier(_cle(niveau, code, scenario, horizon), comparer=False)


@st.cache_data(show_spinner=False, max_entries=16)
def _document(quoi: str, cle: tuple) -> bytes:
    d = _dossier(cle)
    if quoi == "classeur":  # plus une feuille par commune, lue seulement pour le classeur
        curseur = _curseur()
        try:
            return classeur.classeur_xlsx(d, contenu.projection_communes(curseur, d))
        finally:
            curseur.close()
    return _FABRIQUES[quoi](d)


def document(quoi: str, niveau: str, code: str, scenario: str, horizon: int) -> bytes:
    """`dossier` (PDF), `diaporama` (PPTX) ou `classeur` (XLSX), en octets."""
    return _document(quoi, _cle(niveau, code, scenario, horizon))


def fabrique(quoi: str, niveau: str, code: str, scenario: str, horizon: int) -> Callable[[], bytes]:
    """La fonction qui produit le document au clic du bouton de téléchargement ; les versions
    sont lues ici, dans le fil de la page (le bouton appelle la fonction dans un autre fil)."""
    cle = _cle(niveau, code, scenario, horizon)
    return lambda: _document(quoi, cle)


def fiches(niveau: str, code: str, scenario: str, horizon: int, avancer) -> bytes:
    """Le ZIP des fiches communes, l'avancement montré par `avancer(message, fraction)`."""
    entree = catalogue().get(scenario)
    curseur = _curseur()
    try:
        if entree is None or not entree.enregistre:
            return lot.fiches_zip(curseur, niveau, code, int(horizon), scenario, avancer)
        return _fiches_enregistre(curseur, niveau, code, scenario, int(horizon), avancer)
    finally:
        curseur.close()


def _fiches_enregistre(curseur, niveau: str, code: str, scenario: str, horizon: int, avancer):
    """Les fiches d'un scénario enregistré : chaque commune calculée sous ses hypothèses (les
    fiches d'un scénario standard sont celles de `lot.fiches_zip`, lues dans la base)."""
    communes = donnees.requete("communes_du_perimetre", niveau=niveau, code=code)
    if communes.empty:
        raise contenu.ErreurExport(f"Aucune commune dans le périmètre {niveau} « {code} ».")
    flux = io.BytesIO()
    with zipfile.ZipFile(flux, "w", zipfile.ZIP_DEFLATED) as archive:
        for i, c in enumerate(communes.itertuples()):
            avancer(f"Fiche {i + 1} sur {len(communes)} : {c.nom_commune}", i / len(communes))
            d = _rassembler(curseur, "commune", c.code_commune, scenario, horizon, comparer=False)
            archive.writestr(
                f"{c.code_commune}-{lot.nom_fichier(c.nom_commune)}.pdf", pdf.fiche_commune_pdf(d)
            )
    avancer(f"{len(communes)} fiches prêtes", 1.0)
    return flux.getvalue()
