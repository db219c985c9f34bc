"""Exporter — porter les chiffres de Vigie dans le dossier du conseil : le « dossier de séance »
en PDF, le diaporama PowerPoint, le classeur Excel et la fiche d'une page de chaque commune, pour
le territoire et le scénario choisis.

Décision éclairée : préparer une réunion du conseil avec des documents qui portent les mêmes
chiffres, fourchettes et sources que l'application, faits sur cet ordinateur sans réseau.
"""

import streamlit as st

from vigie import format_fr, textes
from vigie.exports import contenu
from vigie.exports.lot import nom_fichier
from vigie.interface import barre_laterale, composants, connexion
from vigie.interface import exports as documents
from vigie.interface import scenarios as catalogue_scenarios
from vigie.stockage import base_utilisateur

selection = barre_laterale.selection_courante()
st.title("Exporter : documents pour la séance")
st.caption(
    f"{selection.libelle} · horizon {selection.horizon} · produits sur cet ordinateur, sans "
    "connexion : aucune donnée n'est envoyée."
)

entree = catalogue_scenarios.choisir(
    "exports_scenario",
    aide="Les documents montrent ce scénario (standard, ou un des vôtres recalculé sous ses "
    "hypothèses) ; le dossier PDF compare aussi tous les scénarios standard.",
)
if entree is None:
    st.warning("Aucune projection dans la base : lancez « python -m vigie build ».")
    st.stop()
scenario = entree.cle
try:
    dossier = documents.apercu(selection.niveau, selection.code, scenario, selection.horizon)
except contenu.ErreurExport as erreur:
    st.error(str(erreur), icon=":material/error:")
    st.stop()

st.markdown(f"**{format_fr.texte_markdown(dossier.phrase_population())}**")  # noms : en texte
# Un scénario enregistré est nommé par son titre dans le nom des fichiers, pas par son seul n°.
nom_scenario = f"scenario-{scenario}-{entree.libelle}" if entree.enregistre else scenario
prefixe = (
    f"{nom_fichier(selection.nom)}-{nom_fichier(nom_scenario)[:60].strip('-')}-{selection.horizon}"
)
# Versions relevées ici, dans le fil de la page : les fonctions de téléchargement tournent dans un
# autre fil.
cle = (
    selection.niveau,
    selection.code,
    scenario,
    selection.horizon,
    connexion.version_donnees(),
    base_utilisateur.version(),
)


for colonne, quoi in zip(st.columns(3), documents.DOCUMENTS, strict=True):
    composants.carte_document(
        colonne,
        documents.DOCUMENTS[quoi],
        documents.fabrique(quoi, selection.niveau, selection.code, scenario, selection.horizon),
        prefixe,
    )

st.subheader("Fiches communes")
nombre_communes = len(dossier.communes)
st.markdown(
    f"Une page par commune ({nombre_communes} commune{'s' if nombre_communes > 1 else ''} "
    f"dans {textes.NIVEAUX[selection.niveau].lower()} « {selection.nom_md} ») : population et sa "
    "structure, projection, services et écarts de capacité."
)
cle_fiches = ("exports_fiches", *cle[:4], cle[4], cle[5])
if st.button(
    "Préparer les fiches communes", key="exports_preparer_fiches", icon=":material/description:"
):
    barre = st.progress(0.0, text="Préparation des fiches…")
    zip_fiches = documents.fiches(
        selection.niveau,
        selection.code,
        scenario,
        selection.horizon,
        lambda message, fraction: barre.progress(min(max(fraction, 0.0), 1.0), text=message),
    )
    st.session_state["exports_fiches"] = (cle_fiches, zip_fiches)
prepare = st.session_state.get("exports_fiches")
if prepare and prepare[0] == cle_fiches:
    st.download_button(
        f"Télécharger les {nombre_communes} fiches (ZIP)",
        data=prepare[1],
        file_name=f"{prefixe}-fiches-communes.zip",
        mime="application/zip",
        key="exports_zip",
        icon=":material/folder_zip:",
        type="primary",
        on_click="ignore",
    )
# La ligne de commande est pour l'ingénieur qui prépare la réunion, pas pour le conseil : repliée.
with st.expander("Pour l'ingénieur : les mêmes documents en ligne de commande"):
    st.code(
        f"python -m vigie export --niveau {selection.niveau} --code {selection.code} "
        f"--scenario {scenario} --horizon {selection.horizon} --sortie exports/",
        language="bash",
    )
