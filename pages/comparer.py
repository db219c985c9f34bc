"""Comparer — la commune ou l'EPCI choisi est-il plus jeune ou plus âgé, croît-il plus ou moins
vite que son intercommunalité, son territoire, son département et la France, aujourd'hui et en
projection ?

Décision éclairée : distinguer une particularité locale d'une tendance générale avant de plaider
pour un service.
"""

import pandas as pd
import streamlit as st

from vigie import textes
from vigie.analyses import comparaison
from vigie.figures import carte as graphiques_carte
from vigie.format_fr import LIBELLE_FOURCHETTE, arrondi, nombre, pourcentage, seuil
from vigie.interface import barre_laterale, composants, donnees

selection = barre_laterale.selection_courante()
st.title(f"Comparer {selection.nom_md}")
st.caption(
    f"{textes.NIVEAUX[selection.niveau]} comparée à ses périmètres de référence, sur les mêmes "
    "indicateurs, au dernier recensement et en projection."
)

observe = donnees.requete("comparaison_observe", niveau=selection.niveau, code=selection.code)
composants.arreter_si_vide(
    "Aucune donnée de population pour ce périmètre. Importez le recensement "
    "(python -m vigie import) ou choisissez un autre territoire.",
    observe,
)

noms_scenarios = donnees.libelles_scenarios()
scenario = "central"
if noms_scenarios:
    scenario = st.selectbox(
        "Scénario de projection",
        list(noms_scenarios),
        format_func=noms_scenarios.get,
        key="comparer_scenario",
        help=f"Les fourchettes ({seuil(80)}) ne sont simulées que pour le scénario central.",
    )
projete = donnees.requete(
    "comparaison_projete", niveau=selection.niveau, code=selection.code, scenario=scenario
)
derniere_projetee = int(projete["annee"].max()) if not projete.empty else 0
annees_projetees = tuple(a for a in comparaison.ANNEES_PROJETEES if a <= derniere_projetee)
tableau = comparaison.tableau(observe, projete, annees_projetees)
annee = comparaison.annee_reference(observe)

source_population = donnees.ligne_source("population", selection.niveau, selection.code)
origines = " ; ".join(
    f"{r.libelle} : {r.origine}" for r in tableau.itertuples() if not r.origine.startswith("somme")
)
source = source_population + (f" ; {origines}" if origines else "")
source_projection = (
    f"{source_population} · Projection Vigie ({noms_scenarios.get(scenario, scenario).lower()})"
)

manquants = comparaison.manquants(observe, selection.niveau)
if manquants:
    st.info(
        "Pas de chiffres dans la base pour : "
        + " ; ".join(
            f"{comparaison.NIVEAUX_COURTS[n]} ({comparaison.AIDE_MANQUANT[n]})"
            if n in comparaison.AIDE_MANQUANT
            else comparaison.NIVEAUX_COURTS[n]
            for n in manquants
        )
        + ". Ils apparaîtront ici une fois importés."
    )

# --- Le tableau ---
st.subheader(f"Chiffres clés au 1er janvier {annee} et en projection")
affichage = pd.DataFrame({"Périmètre": tableau["libelle"]})
affichage[f"Habitants {annee}"] = tableau["population"].map(nombre)
depart = comparaison.annee_depart(observe)
affichage[f"Évolution par an {depart or annee - 5}-{annee}"] = [
    pourcentage(v, 2, signe=True) for v in tableau["taux_annuel"]
]
affichage[f"Moins de 3 ans {annee}"] = tableau["part_0_2"].map(pourcentage)
affichage[f"75 ans ou plus {annee}"] = [
    pourcentage(v) + (f" ({int(a)})" if pd.notna(v) and a != annee else "")
    for v, a in zip(tableau["part_75_plus"], tableau["annee_part_75_plus"], strict=True)
]
for a in annees_projetees:
    if f"population_{a}" not in tableau:
        continue
    affichage[f"Habitants {a}"] = [
        f"{nombre(arrondi(p))} (entre {nombre(arrondi(b))} et {nombre(arrondi(h))})"
        if pd.notna(b)
        else nombre(arrondi(p))
        for p, b, h in zip(
            tableau[f"population_{a}"], tableau[f"bas_80_{a}"], tableau[f"haut_80_{a}"], strict=True
        )
    ]
    affichage[f"75 ans ou plus {a}"] = tableau[f"part_75_plus_{a}"].map(pourcentage)
affichage["Origine des chiffres"] = tableau["origine"]
composants.tableau(affichage, cle="comparer_tableau", nom_fichier="comparaison")
st.caption(
    f"{source_projection}. Entre parenthèses : {LIBELLE_FOURCHETTE} (scénario central, simulée pour "
    "les communes, EPCI et territoires). « – » : pas de chiffre ; une année entre parenthèses "
    "après une part : la dernière année estimée par l'INSEE. " + textes.PROJECTION_AVERTISSEMENT
)

# --- Les graphiques ---
annees_barres = [annee, *(a for a in annees_projetees if a in (2040, 2050))]
barres = []
for ligne in tableau.itertuples():
    barres.append(
        {
            "libelle": ligne.libelle,
            "niveau": ligne.niveau,
            "annee": annee,
            "part_0_2": ligne.part_0_2,
            "part_75_plus": ligne.part_75_plus,
            "annee_part_75_plus": ligne.annee_part_75_plus,  # la dernière estimée, si plus ancienne
            "projete": False,
        }
    )
    for a in annees_barres[1:]:
        barres.append(
            {
                "libelle": ligne.libelle,
                "niveau": ligne.niveau,
                "annee": a,
                "part_0_2": getattr(ligne, f"part_0_2_{a}", float("nan")),
                "part_75_plus": getattr(ligne, f"part_75_plus_{a}", float("nan")),
                "projete": True,
            }
        )
barres = pd.DataFrame(barres)
gauche, droite = st.columns(2)
with gauche:
    composants.graphique(
        graphiques_carte.figure_comparaison_parts(
            barres, "part_75_plus", "Part des 75 ans ou plus", annees_barres, source_projection
        ),
        cle="comparer_parts_75",
    )
with droite:
    composants.graphique(
        graphiques_carte.figure_comparaison_parts(
            barres,
            "part_0_2",
            "Part des enfants de moins de 3 ans",
            annees_barres,
            source_projection,
        ),
        cle="comparer_parts_0_2",
    )

# Pleine largeur : quatre ou cinq périmètres aux noms longs demandent la légende à droite.
for groupe, mots, cle in (
    ("Ensemble", "habitants", "comparer_indice_population"),
    ("75 ans et plus", "personnes de 75 ans ou plus", "comparer_indice_75"),
):
    series = comparaison.series_trajectoires(observe, projete, groupe)
    composants.graphique(
        graphiques_carte.figure_comparaison_trajectoires(series, mots, annee, source_projection),
        cle=cle,
    )
st.caption(source)
