"""Les fichiers officiels que lisent les pages, sur la page Importer : pour chacun, ce à quoi il
sert, s'il est déjà dans la base, la page de l'éditeur où le prendre et, quand l'éditeur publie une
adresse directe, un téléchargement que l'utilisateur demande (aucun accès au réseau sans son clic :
`vigie.alimentation.telechargement` est le seul à y aller)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from vigie.alimentation import importation, telechargement
from vigie.alimentation.importation import depot
from vigie.alimentation.importation.erreurs import ErreurImport
from vigie.interface import composants


def _presents(fichiers: list[telechargement.Fichier]) -> dict[str, bool]:
    try:
        return telechargement.presents(fichiers, depot.lire_manifeste())
    except ErreurImport:  # manifeste illisible : l'onglet « Déjà importés » le dit
        return {}


def tableau(fichiers: list[telechargement.Fichier], presents: dict[str, bool]) -> pd.DataFrame:
    """Une ligne par fichier du catalogue, dans l'ordre du catalogue (groupe par groupe)."""
    return pd.DataFrame(
        [
            {
                "Groupe": f.groupe,
                "Fichier": f.nom,
                "Dans la base": "oui" if presents.get(f.nom) else "non",
                "Sert à": f.sert_a,
                "Obtenir": (
                    "livré avec Vigie"
                    if f.livre
                    else "téléchargement direct"
                    if f.url
                    else "à la main, sur la page de l'éditeur"
                ),
                "Page de l'éditeur": f.page if f.page.startswith("https://") else None,
                "Éditeur": f.editeur,
                "Contenu": f.titre,
            }
            for f in fichiers
        ]
    )


def montrer() -> None:
    """Le catalogue, puis le téléchargement des fichiers qui ont une adresse directe."""
    fichiers = telechargement.catalogue()
    presents = _presents(fichiers)
    dossier = telechargement.dossier_telechargements()
    manquants = [f for f in fichiers if not presents.get(f.nom) and not f.livre]
    st.markdown(
        f"{len(fichiers) - len(manquants)} des {len(fichiers)} sources que lisent les pages sont "
        "dans la base (ou livrées avec Vigie). Les fichiers sans adresse directe se prennent sur "
        "la page de l'éditeur, souvent filtrés sur votre département : déposez-les ci-dessus "
        f"(onglet « Fichiers »), ou dans `{composants.texte_brut(dossier)}` puis lancez "
        f"`python -m vigie import {composants.texte_brut(dossier)}`."
    )
    st.dataframe(
        tableau(fichiers, presents),
        hide_index=True,
        width="stretch",
        key="import_catalogue_tableau",
        column_config={
            "Page de l'éditeur": st.column_config.LinkColumn(
                "Page de l'éditeur", display_text="ouvrir la page"
            )
        },
    )
    directs = {f.nom: f for f in fichiers if f.url}
    choix = st.multiselect(
        "Télécharger depuis le site de l'éditeur (connexion nécessaire)",
        list(directs),
        key="import_catalogue_choix",
        placeholder="Choisissez un ou plusieurs fichiers",
    )
    importer = st.checkbox(
        "Importer les fichiers téléchargés", value=True, key="import_catalogue_importer"
    )
    if not st.button("Télécharger", disabled=not choix, key="import_catalogue_lancer"):
        return
    obtenus = []
    with st.spinner("Téléchargement…"):
        for nom in choix:
            try:
                obtenus += telechargement.telecharger(directs[nom], dossier)
            except telechargement.ErreurTelechargement as erreur:
                st.error(composants.texte_brut(erreur))
    if not obtenus:
        return
    st.success(f"{len(obtenus)} fichier(s) téléchargé(s) dans {composants.texte_brut(dossier)}.")
    if importer:
        try:
            with st.spinner("Import…"):
                rapport = importation.importer([(p, p.name) for p in obtenus])
            importes = sum(f.statut == "importé" for f in rapport.fichiers)
            st.success(
                f"{importes} fichier(s) importé(s). Recalculez les projections (onglet "
                "« Fichiers », ou python -m vigie build) pour qu'elles en tiennent compte."
            )
        except (importation.ErreursImport, importation.ErreurImport) as erreur:
            st.error(
                "Les fichiers téléchargés n'ont pas été importés (la base est inchangée) : "
                + composants.texte_brut(erreur)
            )
