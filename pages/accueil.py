"""Accueil — à quoi ressemble aujourd'hui le territoire choisi : combien d'habitants, comment il a
changé depuis le recensement précédent, quel âge ont ses habitants, naissances et décès, les
équipements dont il dispose.

Décision éclairée : connaître le point de départ avant de discuter projections et scénarios.
"""

from datetime import date

import pandas as pd
import streamlit as st

from vigie import textes
from vigie.analyses import services
from vigie.figures import accueil as graphiques
from vigie.format_fr import ecart, nombre, pourcentage
from vigie.interface import barre_laterale, composants, couverture, demande, donnees

selection = barre_laterale.selection_courante()
st.title(selection.nom_md)
st.caption(f"{textes.NIVEAUX[selection.niveau]} · {textes.SOUS_TITRE}")

indicateurs = donnees.requete("indicateurs_cles", niveau=selection.niveau, code=selection.code)
if indicateurs.empty:
    couverture.sans_detail_sexe_age(selection)
    st.stop()

source_population = donnees.ligne_source("population", selection.niveau, selection.code)
source_etat_civil = donnees.ligne_source("naissance", selection.niveau, selection.code)
source_equipements = donnees.ligne_source("equipement", selection.niveau, selection.code)

# Services : ce qui manquera de capacité d'ici l'horizon (scénario central), détail sur la page
# Services.
bilan_services = demande.bilan(
    selection.niveau, selection.code, services.SCENARIO_CENTRAL, selection.horizon
)
if not bilan_services.synthese.empty:
    resume = services.resumer(bilan_services)
    with st.container(border=True, key="accueil_alertes"):
        st.markdown(
            f"**Services : besoins et capacités d'ici {selection.horizon}** "
            "(scénario central de population, équipements en service)"
        )
        for alerte in resume.urgentes:
            pastille = (
                ":red-badge[Déficit]"
                if alerte.gravite == services.DEFICIT
                else ":orange-badge[À surveiller]"
            )
            st.markdown(f"{pastille} {alerte.texte}")
        if resume.suffisants:
            st.markdown(f":green-badge[Suffisant] {resume.suffisants}")
        if resume.sans_objet:
            st.caption(resume.sans_objet)
        st.page_link(
            "pages/services.py",
            label="Détail par service, fourchettes et ratios utilisés",
            icon=":material/arrow_forward:",
        )

dernier = indicateurs.iloc[-1]
annee = int(dernier["annee"])
# L'INSEE compare un recensement à celui de cinq ans plus tôt (le recensement tournant se renouvelle
# en 5 ans).
precedent = indicateurs[indicateurs["annee"] == annee - 5]
precedent = precedent.iloc[0] if not precedent.empty else indicateurs.iloc[0]
annee_prec = int(precedent["annee"])

evenements = donnees.requete("naissances_deces", niveau=selection.niveau, code=selection.code)
dernier_evenement = evenements.iloc[-1] if not evenements.empty else None

st.subheader(f"Chiffres clés au 1er janvier {annee}")
# Libellés et commentaires courts : une carte fait un quart de la page à 1280 px et Streamlit coupe
# ce qui ne tient pas sur une ligne (« Enfants de moins de … », issue 14) ; le texte complet est
# dans la bulle. Trois cartes, plus larges, quand le périmètre n'a ni naissances ni décès.
colonnes = st.columns(4 if dernier_evenement is not None else 3)
c1, c2, c3 = colonnes[:3]
composants.chiffre_cle(
    c1,
    "Habitants",
    nombre(dernier["population"]),
    f"{ecart(dernier['population'] - precedent['population'])} depuis {annee_prec}",
    aide=f"Population municipale au 1er janvier {annee} : "
    f"{pourcentage(dernier['population'] / precedent['population'] - 1, signe=True)} depuis "
    f"{annee_prec}. {source_population}",
    sens_favorable="normal",
)
composants.chiffre_cle(
    c2,
    "Moins de 3 ans",
    nombre(dernier["population_0_2"]),
    f"{pourcentage(dernier['part_0_2'])} des habitants",
    aide=f"Enfants de moins de 3 ans, le public des crèches. Part des 0-2 ans : "
    f"{pourcentage(precedent['part_0_2'])} en {annee_prec}, {pourcentage(dernier['part_0_2'])} "
    f"en {annee}. {source_population}",
)
composants.chiffre_cle(
    c3,
    "75 ans ou plus",
    nombre(dernier["population_75_plus"]),
    f"{pourcentage(dernier['part_75_plus'])} des habitants",
    aide=f"Personnes de 75 ans ou plus, le public des EHPAD et des soins à domicile. Part des 75 "
    f"ans ou plus : {pourcentage(precedent['part_75_plus'])} en {annee_prec}, "
    f"{pourcentage(dernier['part_75_plus'])} en {annee}. {source_population}",
)
if dernier_evenement is not None:
    composants.chiffre_cle(
        colonnes[3],
        f"Naissances, décès {int(dernier_evenement['annee'])}",
        f"{nombre(dernier_evenement['naissances'])} / {nombre(dernier_evenement['deces'])}",
        f"{ecart(dernier_evenement['solde_naturel'])} (solde naturel)",
        aide=f"Naissances vivantes et décès domiciliés dans le périmètre en "
        f"{int(dernier_evenement['annee'])}. {source_etat_civil}",
        sens_favorable="normal",
    )
# La source des naissances seulement quand le périmètre a des naissances (un Pays réel sans état
# civil ne doit pas citer les fichiers d'un autre territoire : issue 14).
st.caption(source_population + (f" · {source_etat_civil}" if dernier_evenement is not None else ""))

figure_evolution = graphiques.figure_evolution_population(
    indicateurs, selection.nom, source_population
)
if evenements.empty:
    # Ni naissances ni décès pour ce périmètre : l'évolution prend toute la largeur.
    composants.graphique(figure_evolution, cle="accueil_evolution")
else:
    gauche, droite = st.columns(2)
    with gauche:
        composants.graphique(figure_evolution, cle="accueil_evolution")
    with droite:
        composants.graphique(
            graphiques.figure_naissances_deces(evenements, source_etat_civil),
            cle="accueil_naissances_deces",
        )

premiere_annee = int(indicateurs.iloc[0]["annee"])
gauche, droite = st.columns(2)
with gauche:
    pyramide = donnees.requete(
        "pyramide", niveau=selection.niveau, code=selection.code, annee=annee
    )
    ancienne = donnees.requete(
        "pyramide", niveau=selection.niveau, code=selection.code, annee=premiere_annee
    )
    composants.graphique(
        graphiques.figure_pyramide(pyramide, annee, source_population, ancienne, premiere_annee),
        cle="accueil_pyramide",
    )
with droite:
    groupes = donnees.requete("population_groupe_age", niveau=selection.niveau, code=selection.code)
    composants.graphique(
        graphiques.figure_groupes_age(groupes, premiere_annee, annee, source_population),
        cle="accueil_groupes_age",
    )

st.subheader("Équipements du territoire")
equipements = donnees.requete("equipements", niveau=selection.niveau, code=selection.code)
if equipements.empty:
    st.info(textes.SANS_FICHIER_EQUIPEMENTS, icon=":material/info:")
else:
    en_service = equipements[equipements["en_service"]]
    synthese = (
        en_service.groupby(["service", "unite_capacite"], dropna=False)
        .agg(nombre=("id_equipement", "count"), capacite=("capacite", "sum"))
        .reset_index()
    )
    synthese["Service"] = synthese["service"].map(textes.libelle_service)
    synthese["Équipements en service"] = synthese["nombre"].map(nombre)
    synthese["Capacité totale"] = [
        f"{nombre(c)} {u}" if pd.notna(c) and pd.notna(u) else "–"
        for c, u in zip(synthese["capacite"], synthese["unite_capacite"], strict=True)
    ]
    composants.tableau(
        synthese[["Service", "Équipements en service", "Capacité totale"]],
        cle="accueil_equipements",
        nom_fichier=f"equipements-{selection.code}",
    )
    hors_service = equipements[~equipements["en_service"]]
    if not hors_service.empty:
        st.caption(
            textes.equipements_hors_service(hors_service.to_dict("records"), date.today().year)
        )
    st.caption(source_equipements)
