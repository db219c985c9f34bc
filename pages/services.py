"""Services — le territoire aura-t-il assez de places en crèche, de classes, de places en collège,
de lits d'EHPAD, de places de soins à domicile et d'eau pour sa population projetée, et à partir
de quelle année plus assez ?

Décision éclairée : savoir quel service manquera le premier de capacité, sous quel scénario de
population et avec quelle marge d'incertitude, avant de programmer un nouvel équipement ; ajuster
le ratio à la politique locale (un objectif de couverture, une taille de classe) et en voir aussitôt
la conséquence.

Disposition : un choix de scénario, la synthèse de tous les services (alertes, couverture à
l'horizon), puis un service en détail : « Besoin et capacité » (graphique, chiffres clés, tableau
par année, le ratio utilisé et sa forme, les capacités des équipements que l'utilisateur peut
corriger ou compléter), dessiné par `vigie.interface.besoins`, `vigie.interface.ratios` et
`vigie.interface.capacites`. Une autre section pour le même service (prévisions de fréquentation,
« Fréquentation ») se place entre les deux.
"""

import streamlit as st

from vigie import textes
from vigie.analyses import services
from vigie.figures import services as graphiques_services
from vigie.interface import barre_laterale, besoins, capacites, composants, donnees, ratios
from vigie.interface import scenarios as catalogue_scenarios

selection = barre_laterale.selection_courante()
st.title("Services : besoins et capacités")
st.caption(f"{selection.libelle} · horizon {selection.horizon} · {textes.PROJECTION_AVERTISSEMENT}")

message = st.session_state.pop("services_message", None)
if message:
    st.success(message, icon=":material/check_circle:")

entree = catalogue_scenarios.choisir(
    "services_scenario",
    aide="Les 7 scénarios standard (central, fécondité, espérance de vie et migrations hautes "
    "ou basses), puis vos scénarios enregistrés sur la page Scénarios.",
)
if entree is None:
    st.warning(
        "Aucune projection de population dans la base : lancez « python -m vigie build » pour "
        "les calculer."
    )
    st.stop()
# Un lien peut nommer un scénario enregistré (`?scenario=<n°>`) : la page le garde dans son adresse.
scenario = entree.cle
nom_scenario = services.nom_scenario(scenario, entree.libelle).removeprefix("le ")
if entree.enregistre:
    st.query_params["scenario"] = scenario
elif "scenario" in st.query_params:
    del st.query_params["scenario"]
bilan = catalogue_scenarios.bilan_entree(
    entree, selection.niveau, selection.code, selection.horizon
)
if bilan.synthese.empty:
    st.warning("Aucune projection de population pour ce périmètre.")
    st.stop()
if entree.enregistre:
    st.info(
        "Scénario enregistré, recalculé à l'ouverture avec ses hypothèses (logements, taux, "
        "ouvertures et fermetures d'équipements). Fourchettes approchées : largeur relative des "
        "fourchettes simulées du scénario central, appliquée à ce scénario.",
        icon=":material/info:",
    )
elif scenario != services.SCENARIO_CENTRAL:
    st.info(
        "Les fourchettes d'incertitude ne sont simulées que pour le scénario central : les "
        "autres scénarios montrent le chemin central de leurs hypothèses.",
        icon=":material/info:",
    )
if selection.niveau == "commune":
    st.caption(
        "Les équipements servent souvent plusieurs communes (école de regroupement, collège de "
        "secteur, EHPAD) : à l'échelle d'une commune, comparez avec prudence ; l'EPCI ou le Pays "
        "donne le bilan d'ensemble."
    )

source_ratios = donnees.ligne_source("ratio_demande", selection.niveau, selection.code)
source_population = donnees.ligne_source("population", selection.niveau, selection.code)
source_equipements = donnees.ligne_source("equipement", selection.niveau, selection.code)
source_figure = (
    f"Besoin : projection Vigie ({nom_scenario}) × ratios publiés ; "
    f"{source_population.removeprefix('Source : ')} ; "
    f"capacité : {source_equipements.removeprefix('Source : ')}"
)

# --- Tous les services d'un coup d'œil -----------------------------------------------------------
st.subheader(f"D'ici {selection.horizon}, service par service")
PASTILLES = {
    services.DEFICIT: ":red-badge[Déficit]",
    services.RISQUE: ":orange-badge[À surveiller]",
    services.SUFFISANT: ":green-badge[Suffisant]",
    services.SANS_OBJET: ":gray-badge[Sans comparaison]",
}
for alerte in services.alertes(bilan, entree.libelle):
    st.markdown(f"{PASTILLES[alerte.gravite]} {alerte.texte}")
if services.sans_aucun_equipement(bilan):
    # Aucune capacité nulle part : le graphique de couverture serait vide ; dire quels fichiers
    # manquent.
    st.info(textes.SANS_FICHIER_EQUIPEMENTS, icon=":material/info:")
else:
    composants.graphique(
        graphiques_services.figure_couverture(bilan.synthese, nom_scenario, source_figure),
        cle="services_couverture",
    )


# --- Un service en détail -------------------------------------------------------------------------
contexte = besoins.Contexte(
    selection, bilan, nom_scenario, source_ratios, source_equipements, source_figure
)
st.subheader("Un service en détail")
service = st.selectbox(
    "Service",
    list(bilan.synthese["service"]),
    format_func=textes.libelle_service,
    key="services_service",
)
besoins.afficher(contexte, service)
# Une autre section pour le même service (prévisions de fréquentation) se place ici, avant le ratio.
ratios.afficher(contexte, service)
capacites.afficher(contexte, service)
