"""Importer des données — faire entrer dans Vigie les fichiers officiels du territoire (INSEE, COG,
DGCL, IGN, BPE, relevés de fréquentation) et définir le territoire (un Pays = un groupe d'EPCI).

Décision éclairée : travailler sur son territoire réel, chaque chiffre rattaché au fichier dont il
vient, et savoir ce qui manque avant de discuter des projections.
"""

import tempfile
from pathlib import Path

import pandas as pd
import streamlit as st

from vigie.alimentation import construction, importation
from vigie.alimentation.importation import depot, formats
from vigie.format_fr import nombre
from vigie.interface import barre_laterale, catalogue_fichiers, composants, couverture, donnees
from vigie.interface.choix_usage import annonce_prevision, choix_usage
from vigie.reglages import territoires

selection = barre_laterale.selection_courante()
st.title("Importer des données")
st.caption(
    "Les fichiers officiels se lisent tels que publiés, sans les modifier. Ils restent sur cet "
    "ordinateur (dossier data/utilisateur/imports) et sont rejoués à chaque reconstruction."
)

onglet_fichiers, onglet_catalogue, onglet_territoire, onglet_perimetre, onglet_historique = st.tabs(
    [
        "Fichiers",
        "Fichiers officiels à obtenir",
        "Votre territoire",
        f"Ce que contient la base : {selection.nom_md}",
        "Déjà importés",
    ]
)


def _tableau_resultat(rapport: importation.RapportImport) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "Fichier": f.nom,
                "Résultat": f.statut,
                "Type reconnu": f.type_fichier,
                "Lignes écrites": nombre(sum(f.lignes.values())) if f.lignes else "",
                "Détail": " · ".join(f"{t} : {nombre(n)}" for t, n in f.lignes.items()),
                "Remarques": " ".join(f.remarques),
            }
            for f in rapport.fichiers
        ]
    )


with onglet_fichiers:
    with st.expander("Quels fichiers ?", expanded=False):
        st.markdown(
            "Vigie reconnaît chaque fichier à son contenu (pas à son nom) :\n\n"
            + "\n".join(f"- {fmt.libelle}" for fmt in formats.FORMATS)
            + "\n\nCommencez par la géographie (composition communale des EPCI, COG), puis les "
            "populations, les contours, les équipements. Pour la fréquentation de vos services, "
            "partez du modèle `data/modeles/modele_usages.csv` (voir `data/modeles/README.md`)."
        )
    envois = st.file_uploader(
        "Déposez un ou plusieurs fichiers (CSV, XLSX, XLS, ODS, GeoJSON)",
        type=["csv", "txt", "xlsx", "xls", "ods", "geojson", "json"],
        accept_multiple_files=True,
        key="import_fichiers",
    )
    usage = choix_usage()
    if st.button("Importer", type="primary", disabled=not envois, key="import_lancer"):
        barre = st.progress(0.0, text="Lecture des fichiers…")
        with tempfile.TemporaryDirectory(prefix="vigie-import-") as dossier:
            chemins = []
            for i, envoi in enumerate(envois):
                # Un dossier par envoi : deux fichiers du même nom ne s'écrasent pas.
                chemin = Path(dossier) / f"{i:03d}" / Path(envoi.name).name
                chemin.parent.mkdir()
                chemin.write_bytes(envoi.getvalue())
                chemins.append((chemin, envoi.name))
            try:
                rapport = importation.importer(
                    chemins,
                    progression=lambda m, f: barre.progress(min(max(f, 0.0), 1.0), text=m),
                    usage=usage,
                )
                st.session_state["import_resultat"] = ("ok", rapport)
            except importation.ErreursImport as erreurs:
                st.session_state["import_resultat"] = ("refus", erreurs.erreurs)
            except importation.ErreurImport as erreur:
                st.session_state["import_resultat"] = ("refus", [erreur])
        barre.empty()
    resultat = st.session_state.get("import_resultat")
    if resultat and resultat[0] == "ok":
        rapport = resultat[1]
        importes = [f for f in rapport.fichiers if f.statut == "importé"]
        st.success(
            f"{len(importes)} fichier(s) importé(s) en {rapport.duree_s:.0f} s. Les projections "
            "de population seront recalculées par « Recalculer les projections » ci-dessous (ou "
            "python -m vigie build)."
        )
        if annonce_prevision(rapport):
            st.info(annonce_prevision(rapport))
        composants.tableau(
            _tableau_resultat(rapport), cle="import_resultat", nom_fichier="rapport-import"
        )
    elif resultat:
        st.error(
            "Aucun fichier n'a été importé : la base est restée telle qu'elle était. "
            "Voici ce qu'il faut corriger :"
        )
        # Noms de fichiers, en-têtes et cellules viennent du fichier : du texte, jamais du Markdown.
        for erreur in resultat[1]:
            st.markdown(
                f"- **{composants.texte_brut(erreur.fichier)}**"
                + (f" ({composants.texte_brut(erreur.lieu)})" if erreur.lieu else "")
                + f" : {composants.texte_brut(erreur.probleme)} "
                + composants.texte_brut(erreur.conseil)
            )
    st.divider()
    st.markdown(
        "**Recalculer les projections** : la reconstruction repart des fichiers livrés, rejoue "
        "vos imports et vos territoires, puis projette la population (une minute environ)."
    )
    if st.button("Recalculer les projections", key="import_reconstruire"):
        barre = st.progress(0.0, text="Reconstruction…")
        try:
            construction.construire(
                progression=lambda m, f: barre.progress(min(max(f, 0.0), 1.0), text=m)
            )
            st.success("Base reconstruite avec vos imports.")
        except construction.ErreurConstruction as erreur:
            st.error(
                "La reconstruction a échoué ; la base précédente est inchangée. "
                + composants.texte_brut(erreur)
            )

with onglet_catalogue:
    catalogue_fichiers.montrer()

with onglet_territoire:
    st.markdown(
        "Un territoire à vous (un Pays = des EPCI ; ou des communes choisies une à une) apparaît "
        "dans le menu « Territoire » à gauche, à côté du territoire de démonstration."
    )
    epcis = donnees.requete("epci_choix")
    nom = st.text_input("Nom du territoire", placeholder="Pays de Morlaix", key="import_nom")
    type_territoire = composants.choisir(st.selectbox, "Type", territoires.TYPES, "import_type")
    libelles = {
        r.code_epci: f"{r.nom_epci} ({r.code_epci}) — {r.nombre_communes} communes, dép. "
        f"{r.departements}"
        for r in epcis.itertuples()
    }
    choix_epci = composants.choisir(
        st.multiselect, "EPCI", libelles, "import_epci", placeholder="Tapez un nom d'EPCI"
    )
    departements = donnees.requete("departements_choix")
    deps = dict(zip(departements["code_dep"], departements["nom_dep"], strict=True))
    dep = st.selectbox(
        "Département des communes à ajouter une à une",
        [""] + list(deps),
        format_func=lambda c: "—" if not c else f"{c} {deps[c]}",
        key="import_dep",
    )
    communes = donnees.requete("communes_choix", dep=dep) if dep else pd.DataFrame()
    choix_communes = st.multiselect(
        "Communes (en plus des EPCI)",
        list(communes["code_commune"]) if not communes.empty else [],
        format_func=dict(
            zip(communes.get("code_commune", []), communes.get("nom_commune", []), strict=True)
        ).get,
        key="import_communes",
    )
    if st.button("Enregistrer le territoire", type="primary", key="import_territoire"):
        try:
            with st.spinner("Enregistrement…"):
                t = territoires.enregistrer(nom, choix_epci, choix_communes, type_territoire)
            st.success(f"{t.nom} enregistré : choisissez-le dans le menu « Territoire ».")
        except territoires.ErreurTerritoire as erreur:
            st.error(composants.texte_brut(erreur))
    mes_territoires = territoires.lister()
    if mes_territoires:
        st.subheader("Vos territoires")
        composants.tableau(
            pd.DataFrame(
                [
                    {
                        "Code": t.code,
                        "Nom": t.nom,
                        "Type": territoires.TYPES[t.type],
                        "EPCI": ", ".join(libelles.get(e, e).split(" (")[0] for e in t.epcis),
                        "Communes ajoutées": len(t.communes),
                    }
                    for t in mes_territoires
                ]
            ),
            cle="import_territoires",
            nom_fichier="mes-territoires",
        )
        a_supprimer = st.selectbox(
            "Supprimer un territoire", [t.code for t in mes_territoires], key="import_suppr"
        )
        if st.button("Supprimer", key="import_supprimer"):
            territoires.supprimer(a_supprimer)
            st.rerun()

with onglet_perimetre:
    couverture.contenu_du_perimetre(selection)

with onglet_historique:
    imports = donnees.requete("imports_utilisateur")
    if imports.empty:
        st.info(
            "Aucun fichier importé pour l'instant : Vigie montre le territoire de démonstration."
        )
    else:
        composants.tableau(
            imports.assign(sha256=imports["sha256"].str[:12] + "…").rename(
                columns={
                    "fichier": "Fichier",
                    "editeur": "Éditeur",
                    "titre": "Titre",
                    "millesime": "Millésime",
                    "annee_cog": "Géographie (COG)",
                    "licence": "Licence",
                    "url": "Adresse",
                    "sha256": "Empreinte SHA-256",
                    "importe_le": "Importé le",
                    "tables": "Tables",
                    "lignes": "Lignes",
                }
            ),
            cle="import_historique",
            nom_fichier="historique-imports",
            column_config={
                "Adresse": st.column_config.LinkColumn(),
                "Géographie (COG)": st.column_config.NumberColumn(format="%d"),
                "Importé le": st.column_config.DatetimeColumn(format="DD/MM/YYYY HH:mm"),
            },
        )
        noms = [e["nom"] for e in depot.lire_manifeste()]
        if noms:
            a_retirer = st.selectbox("Retirer un fichier importé", noms, key="import_retirer_nom")
            if st.button("Retirer", key="import_retirer"):
                try:
                    with st.spinner("Retrait et mise à jour de la base…"):
                        depot.retirer(a_retirer)
                    st.rerun()
                except importation.ErreurImport as erreur:
                    st.error(composants.texte_brut(erreur.message))
