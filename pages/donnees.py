"""Données — toutes les tables et vues de Vigie, décrites, filtrées sur le territoire choisi,
mises en graphique et exportées ; et un éditeur SQL libre pour les analystes, qui ne peut ni rien
modifier ni rien laisser fuiter.

Décision éclairée : vérifier un chiffre à sa source et répondre à une question nouvelle (un
indicateur, un tableau croisé) sans attendre un développeur : écrire une vue dans sql/views ou une
requête ici.
"""

import streamlit as st

from vigie.exports import tableaux as exports_tableaux
from vigie.figures import donnees as graphiques_donnees
from vigie.format_fr import nombre
from vigie.interface import barre_laterale, composants, donnees, explorateur
from vigie.stockage import bac_a_sable, base

selection = barre_laterale.selection_courante()
st.title("Données")
st.caption(
    "Les tables de la base et les vues SQL de sql/views, avec leur description ; une vue "
    "ajoutée ou modifiée apparaît ici sans redémarrer. Tout reste sur cet ordinateur."
)

erreurs = explorateur.erreurs_vues()
if erreurs:
    st.warning(
        "**Vues SQL en erreur** (les autres fonctionnent) : corrigez le fichier indiqué, la page "
        "se met à jour d'elle-même ; « python -m vigie check » donne la même liste.\n\n"
        + "\n".join(f"- {e}" for e in erreurs)
    )

onglet_parcourir, onglet_sql = st.tabs(["Tables et vues", "Explorateur SQL"])

# -- Parcourir ----------------------------------------------------------------------------------
with onglet_parcourir:
    objets = explorateur.objets()
    par_nom = {o.nom: o for o in objets}
    demande = st.query_params.get("objet")
    if demande in par_nom and "donnees_objet" not in st.session_state:
        st.session_state["donnees_objet"] = demande
    if st.session_state.get("donnees_objet") not in par_nom:
        st.session_state["donnees_objet"] = objets[0].nom
    nom = st.selectbox(
        f"Table ou vue ({len([o for o in objets if o.genre == 'vue'])} vues, "
        f"{len([o for o in objets if o.genre == 'table'])} tables)",
        list(par_nom),
        format_func=lambda n: par_nom[n].libelle,
        key="donnees_objet",
    )
    objet = par_nom[nom]
    indicateurs = {i.nom: i for i in explorateur.liste_indicateurs()}
    colonnes = explorateur.colonnes(nom)

    fiche, liste_colonnes = st.columns([3, 2])
    with fiche:
        st.markdown(f"#### {objet.titre}")
        st.write(objet.description or "Pas de description.")
        details = []
        if objet.grain:
            details.append(f"**Grain** : {objet.grain}")
        if objet.unite:
            details.append(f"**Unité** : {objet.unite}")
        if objet.source:
            details.append(f"**Source** : {objet.source}")
        details.append(
            f"**Fichier** : `{objet.fichier}`" if objet.fichier else "**Table** de la base"
        )
        st.markdown("  \n".join(details))
        if nom in indicateurs:
            st.info(
                "Cette vue a la forme d'un **indicateur** (code_commune, annee, valeur"
                + (", scenario" if indicateurs[nom].par_scenario else "")
                + ") : elle peut être cartographiée par commune et comparée."
            )
    with liste_colonnes:
        composants.tableau(
            colonnes.rename(
                columns={"colonne": "Colonne", "type_donnee": "Type", "description": "Description"}
            ),
            cle="donnees_colonnes",
            nom_fichier=f"colonnes-{nom}",
            height=min(38 + 35 * len(colonnes), 300),
        )

    filtres = explorateur.filtres(nom)
    parametres: dict = {}
    libelles_filtres: list[str] = []
    colonnes_filtres = st.columns(3)
    if filtres.par_perimetre or filtres.par_commune:
        limiter = colonnes_filtres[0].toggle(
            f"Seulement : {selection.libelle}",
            value=True,
            key=f"donnees_limiter_{nom}",
            help="Décochez pour voir tous les territoires de la base.",
        )
        if limiter:
            libelles_filtres.append(f"Territoire : {selection.libelle}")
            if filtres.par_perimetre:
                parametres.update(niveau=selection.niveau, code=selection.code)
            else:
                communes = donnees.requete(
                    "communes_du_perimetre", niveau=selection.niveau, code=selection.code
                )
                parametres["communes"] = communes["code_commune"].tolist()
    if len(filtres.annees) > 1:
        debut, fin = colonnes_filtres[1].select_slider(
            "Années",
            options=filtres.annees,
            value=(filtres.annees[0], filtres.annees[-1]),
            key=f"donnees_annees_{nom}",
        )
        parametres["annees"] = (debut, fin)
        libelles_filtres.append(f"Années : {debut} à {fin}")
    categories = {}
    for i, (colonne, valeurs) in enumerate(list(filtres.categories.items())[:4]):
        cible = colonnes_filtres[2] if i % 2 == 0 else colonnes_filtres[0]
        choisies = cible.multiselect(
            colonne, valeurs, key=f"donnees_cat_{nom}_{colonne}", placeholder="toutes"
        )
        if choisies:
            categories[colonne] = choisies
            libelles_filtres.append(f"{colonne} : {', '.join(choisies)}")
    if categories:
        parametres["categories"] = categories

    table, tronque = explorateur.lire(nom, **parametres)
    if objet.genre == "vue":
        source = f"Source : {objet.source}" if objet.source else "Source : non renseignée"
    else:
        source = donnees.ligne_source(nom)
    message = f"{nombre(len(table))} ligne{'s' if len(table) > 1 else ''}"
    if tronque:
        message += " (affichage limité : ajoutez un filtre pour tout voir et tout exporter)"
    st.caption(message)
    st.dataframe(table, hide_index=True, width="stretch", height=360)

    choix = graphiques_donnees.proposer(table)
    if choix is not None:
        mesures = graphiques_donnees.mesures(table)
        mesure = st.selectbox(
            "Grandeur du graphique",
            mesures,
            index=mesures.index(choix.mesure),
            key=f"donnees_mesure_{nom}",
        )
        if mesure != choix.mesure:
            agregation = (
                choix.agregation
                if choix.agregation == "mediane" and mesure == "valeur"
                else graphiques_donnees.agregation_par_defaut(mesure)
            )
            choix = graphiques_donnees.ChoixGraphique(choix.x, mesure, agregation, choix.groupe)
        composants.graphique(
            graphiques_donnees.figure(table, choix, objet.titre, source, objet.unite),
            cle=f"donnees_graphique_{nom}",
        )
    else:
        st.caption("Pas de graphique automatique pour ces colonnes (aucune grandeur numérique).")

    telecharger_csv, telecharger_xlsx, _ = st.columns([1, 1, 3])
    telecharger_csv.download_button(
        "Exporter en CSV",
        exports_tableaux.en_csv(table),
        file_name=f"vigie_{nom}.csv",
        mime="text/csv",
        key="donnees_csv",
        icon=":material/download:",
    )
    telecharger_xlsx.download_button(
        "Exporter en XLSX",
        exports_tableaux.en_xlsx(
            table, objet.titre, source, libelles_filtres, description=objet.description
        ),
        file_name=f"vigie_{nom}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key="donnees_xlsx",
        icon=":material/download:",
    )

# -- SQL libre -----------------------------------------------------------------------------------
with onglet_sql:
    bac = explorateur.bac()
    st.markdown(
        f"Écrivez **une** requête de lecture (`select`, `with`, `from`, `describe`, "
        f"`summarize`) sur les tables et les vues de Vigie. Elle s'exécute sur une connexion "
        f"à part, en lecture seule, sans accès aux fichiers, au réseau ni aux réglages ; au plus "
        f"{nombre(bac.limite_lignes)} lignes et {bac.delai_s:g} secondes. Pour garder une "
        f"requête, faites-en une vue : déposez-la dans `sql/views` (voir "
        f"`docs/ajouter_une_vue.md`)."
    )
    # La requête d'exemple montrée à un analyste qui débute vit dans sql/, comme toute requête.
    st.session_state.setdefault("donnees_sql", base.texte_requete("explorateur_exemple").strip())
    requete = st.text_area("Requête SQL", key="donnees_sql", height=200)
    if st.button("Exécuter", key="donnees_executer", type="primary", icon=":material/play_arrow:"):
        try:
            st.session_state["donnees_sql_resultat"] = bac.executer(requete)
            st.session_state.pop("donnees_sql_refus", None)
        except bac_a_sable.RequeteRefusee as refus:
            st.session_state["donnees_sql_refus"] = str(refus)
            st.session_state.pop("donnees_sql_resultat", None)
    if refus := st.session_state.get("donnees_sql_refus"):
        st.error(refus, icon=":material/block:")
    resultat = st.session_state.get("donnees_sql_resultat")
    if resultat is not None:
        (st.warning if resultat.tronque else st.caption)(resultat.message)
        st.dataframe(resultat.donnees, hide_index=True, width="stretch", height=360)
        choix_sql = graphiques_donnees.proposer(resultat.donnees)
        source_sql = "Source : requête SQL sur la base Vigie (explorateur)"
        if choix_sql is not None:
            composants.graphique(
                graphiques_donnees.figure(resultat.donnees, choix_sql, "Résultat", source_sql),
                cle="donnees_graphique_sql",
            )
        export_csv, export_xlsx, _ = st.columns([1, 1, 3])
        export_csv.download_button(
            "Exporter en CSV",
            exports_tableaux.en_csv(resultat.donnees),
            file_name="vigie_requete.csv",
            mime="text/csv",
            key="donnees_sql_csv",
            icon=":material/download:",
        )
        export_xlsx.download_button(
            "Exporter en XLSX",
            exports_tableaux.en_xlsx(
                resultat.donnees,
                "Résultat d'une requête SQL",
                source_sql,
                requete=resultat.requete,
            ),
            file_name="vigie_requete.xlsx",
            mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            key="donnees_sql_xlsx",
            icon=":material/download:",
        )
    with st.expander("Tables et vues interrogeables"):
        st.write(", ".join(f"`{n}`" for n in bac.objets()))
