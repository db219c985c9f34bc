"""Services — will the territory have enough crèche places, classes, collège places, EHPAD beds,
home-care places and water for its projected population, and from which year not?

Decision supported: know which service will lack capacity first, under which population scenario
and with what margin of uncertainty, before programming a new facility; adjust the ratio to the
local policy (a coverage target, a class size) and see the consequence at once.

Layout: a scenario switch, the summary for every service (alerts, coverage at the horizon), then
one service in detail: "Besoin et capacité" (chart, key figures, table by year, the ratio used
and its form, the facilities' capacities the user can correct or add), drawn by
`vigie.interface.besoins`, `vigie.interface.ratios` and `vigie.interface.capacites`. Another section
for the same service (usage forecasts, "Fréquentation") goes between the two.
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
# A link may name a saved scenario (`?scenario=<n°>`): the page keeps it in its address.
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

# --- Every service at a glance -------------------------------------------------------------------
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
    # No capacity anywhere: the coverage chart would be empty; say which files are missing.
    st.info(textes.SANS_FICHIER_EQUIPEMENTS, icon=":material/info:")
else:
    composants.graphique(
        graphiques_services.figure_couverture(bilan.synthese, nom_scenario, source_figure),
        cle="services_couverture",
    )


# --- One service in detail -------------------------------------------------------------------------
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
# Another section for the same service (usage forecasts) goes here, before the ratio.
ratios.afficher(contexte, service)
capacites.afficher(contexte, service)
