"""Population — combien d'habitants, de quels âges, en 2030, 2040, 2050, sous quelles hypothèses,
et à quel point se fier aux chiffres.

Décision éclairée : dimensionner les services (crèches, écoles, collèges, EHPAD, soins à domicile,
logement) sur une population projetée donnée avec sa fourchette, en connaissant les hypothèses qui
la sous-tendent et l'ampleur des erreurs des projections passées du même genre.
"""

import pandas as pd
import streamlit as st

from vigie import textes
from vigie.analyses import fiabilite as mesure_fiabilite
from vigie.figures import population as gp
from vigie.format_fr import arrondi, fourchette, libelle_fourchette, nombre, pourcentage
from vigie.interface import barre_laterale, composants, donnees
from vigie.interface import scenarios as catalogue_scenarios
from vigie.interface.population import (
    composantes,
    fiabilite,
    groupes,
    hypotheses,
    menages,
    pyramide,
)
from vigie.interface.scenarios import tableaux

selection = barre_laterale.selection_courante()
niveau, code, horizon = selection.niveau, selection.code, selection.horizon

st.title(f"Population : {selection.nom_md} à l'horizon {horizon}")
st.caption(f"{textes.NIVEAUX[niveau]} · projection par sexe et âge, année par année")

histoire = donnees.requete("indicateurs_cles", niveau=niveau, code=code)
totale = donnees.requete("projection_totale", niveau=niveau, code=code, horizon=horizon)
composants.arreter_si_vide(
    "Aucune projection pour ce périmètre. Reconstruisez la base (python -m vigie build) : "
    "les projections sont calculées à la construction, à partir du recensement et de l'état civil.",
    histoire,
    totale,
)

scenarios = donnees.requete("projection_scenarios")
libelles = donnees.libelles_scenarios()
annee_recensement = int(histoire["annee"].max())
source_population = donnees.ligne_source("population", selection.niveau, selection.code)
source_projection = (
    f"Projection Vigie par composantes (méthode Omphale de l'INSEE), base {annee_recensement}, "
    f"fourchettes par simulation ; données : {source_population.removeprefix('Source : ')}"
)

st.info(
    "**Une projection n'est pas une prévision.** Comme l'écrit l'INSEE pour ses propres "
    "projections, elle ne constitue pas une prévision mais une simulation de l'avenir dans le "
    "cadre des hypothèses retenues : si la fécondité, la mortalité et les migrations évoluaient "
    "comme supposé, la population serait celle indiquée. Les **fourchettes** disent l'incertitude "
    f"de ce calcul (4 chances sur 5 d'être dans la {libelle_fourchette()}) ; les **scénarios** disent "
    "ce que changerait une autre hypothèse.",
    icon=":material/info:",
)

# ------------------------------------------------------------------ le constat principal
fin = totale[(totale["scenario"] == "central") & (totale["annee"] == horizon)].iloc[0]
dernier = histoire.iloc[-1]
st.markdown(f"### En {horizon}, {selection.nom_md} compterait {gp.phrase_fourchette(fin)}.")
st.markdown(
    f"Aujourd'hui ({annee_recensement}) : {nombre(dernier['population'])} habitants. "
    f"Dans 4 cas sur 5, le nombre d'habitants en {horizon} serait "
    f"{fourchette(fin['bas_80'], fin['population'], fin['haut_80'], 'habitants')} ; "
    # Les chiffres projetés suivent la règle d'arrondi unique (format_fr.arrondi), comme la
    # fourchette à 80 %.
    f"dans 19 cas sur 20 ({libelle_fourchette(95)}) entre {nombre(arrondi(fin['bas_95']))} "
    f"et {nombre(arrondi(fin['haut_95']))}."
)
ligne_fiabilite = mesure_fiabilite.phrase_territoire(
    float(dernier["population"]),
    donnees.requete("fiabilite_projection"),
    donnees.requete("fiabilite_communes"),
)
if ligne_fiabilite:
    st.caption(ligne_fiabilite + " Détail : page Sources et méthodes.")

c1, c2, c3, c4 = st.columns(4)
composants.chiffre_cle(
    c1,
    f"Habitants en {horizon}",
    nombre(gp.arrondi(fin["population"])),
    f"{pourcentage(fin['population'] / dernier['population'] - 1, signe=True)} depuis "
    f"{annee_recensement}",
    aide="Scénario central : "
    f"{fourchette(fin['bas_80'], fin['population'], fin['haut_80'], 'habitants', etiquette=True)}. "
    f"{source_projection}",
)
groupes_central = donnees.requete(
    "projection_groupes_age", niveau=niveau, code=code, scenario="central", horizon=horizon
)
observes = donnees.requete("groupes_age_observes", niveau=niveau, code=code)
evol_central = gp.evolution_groupes(observes, groupes_central).set_index("groupe_age")
for colonne, groupe, libelle in (
    (c2, "0-2 ans", "Moins de 3 ans"),
    (c3, "75 ans et plus", "75 ans ou plus"),
    (c4, "85 ans et plus", "85 ans ou plus"),
):
    if groupe in evol_central.index:
        g = evol_central.loc[groupe]
        composants.chiffre_cle(
            colonne,
            f"{libelle} en {horizon}",
            nombre(gp.arrondi(g["population"])),
            f"{pourcentage(g['evolution'], 0, signe=True)} depuis {annee_recensement}",
            aide=f"{fourchette(g['bas_80'], g['population'], g['haut_80'], etiquette=True)}. "
            f"{nombre(g['base'])} en {annee_recensement}. {source_projection}",
        )


# ------------------------------------------------------------------ total et éventail des scénarios
st.subheader("Nombre d'habitants : passé et projection")
gauche, droite = st.columns([1, 1])
entree = catalogue_scenarios.choisir(
    "population_scenario",
    "Scénario affiché",
    aide="Le scénario central prolonge les tendances récentes ; chaque variante change une "
    "seule hypothèse ; vos scénarios enregistrés (page Scénarios) sont recalculés sous leurs "
    "hypothèses. Les fourchettes ne sont simulées que pour le scénario central.",
    conteneur=gauche,
)
autre = catalogue_scenarios.choisir(
    "population_comparaison", "Comparer avec", conteneur=droite, exclus=(entree.cle,), lien=False
)
scenario, libelle_scenario = entree.cle, entree.libelle
proj_scenario = tableaux.totale(entree, niveau, code, horizon)
fin_scenario = proj_scenario[proj_scenario["annee"] == horizon].iloc[0]
proj_comparaison = tableaux.totale(autre, niveau, code, horizon)
fin_comparaison = proj_comparaison[proj_comparaison["annee"] == horizon].iloc[0]
ecart = fin_scenario["population"] - fin_comparaison["population"]
st.markdown(
    f"**{libelle_scenario}** : {nombre(gp.arrondi(fin_scenario['population']))} habitants en "
    f"{horizon} ; **{autre.libelle}** : "
    f"{nombre(gp.arrondi(fin_comparaison['population']))}, soit un écart de "
    f"{nombre(gp.arrondi(abs(ecart)))} habitants "
    f"({pourcentage(ecart / fin_comparaison['population'], signe=True)})."
)
composants.graphique(
    gp.figure_projection_totale(
        histoire, proj_scenario, selection.nom, source_projection, libelle_scenario.lower()
    ),
    cle="population_totale",
)
methode_scenario = tableaux.methode_fourchettes(entree, niveau, code, horizon)
if methode_scenario:
    st.caption(f"Scénario enregistré, recalculé sous ses hypothèses : {methode_scenario}.")
elif scenario != "central":
    st.caption(
        "Fourchettes non affichées : elles sont calculées pour le scénario central seulement."
    )
# L'éventail : tous les scénarios standard, et les scénarios enregistrés affichés sur cette page.
eventail = pd.concat(
    [
        totale,
        *(t for t in (proj_scenario, proj_comparaison) if t["scenario"].iloc[0] not in libelles),
    ]
)
libelles_eventail = {**libelles, entree.cle: entree.libelle, autre.cle: autre.libelle}
composants.graphique(
    gp.figure_eventail(histoire, eventail, libelles_eventail, selection.nom, source_projection),
    cle="population_eventail",
)

# ------------------------------------------------------------------ une section de détail à la fois
# Une section de détail à la fois : le navigateur met 100 à 250 ms à dessiner chaque graphique
# Plotly, et les huit de la page, dessinés à la suite, faisaient passer chaque changement de page
# ou de commune au-dessus d'une seconde (issue 18, bench/bench_reactivite.py).
SECTIONS = {
    "ages": "Âges qui comptent",
    "pyramide": "Pyramide des âges",
    "composantes": "Naissances, décès, migrations",
    "menages": "Ménages",
    "fiabilite": "Fiabilité",
}
section = st.segmented_control(
    "Approfondir",
    list(SECTIONS),
    format_func=SECTIONS.get,
    default="ages",
    required=True,
    key="population_section",
    help="Une section à la fois. Âges, pyramide et composantes suivent le scénario affiché "
    "ci-dessus ; ménages et fiabilité portent sur le scénario central.",
)
if section == "ages":
    groupes_scenario = (
        groupes_central
        if scenario == "central"
        else tableaux.groupes(entree, niveau, code, horizon)
    )
    groupes.afficher(observes, groupes_scenario, libelle_scenario, source_projection)
elif section == "pyramide":
    pyramide.afficher(
        entree, niveau, code, horizon, proj_scenario, annee_recensement, source_projection
    )
elif section == "composantes":
    composantes.afficher(entree, niveau, code, horizon, source_projection)
elif section == "menages":
    menages.afficher(niveau, code, horizon, annee_recensement, source_projection)
else:
    fiabilite.afficher(source_projection)
hypotheses.afficher(scenarios)
