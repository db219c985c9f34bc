"""Scénarios — et si… ? Construire un scénario avec les mots d'un conseil, l'enregistrer, le
comparer côte à côte.

Décision éclairée : avant de voter un programme de logements, une nouvelle crèche ou la fermeture
d'une école, voir ce que cela change — la population, les enfants et les personnes âgées à servir,
le besoin de places et de classes et l'année où la capacité devient insuffisante — par rapport au
scénario central ou à d'autres options, et garder le scénario (versions, corbeille) pour le
ramener à la réunion suivante avec un lien.

La page enchaîne les morceaux de `vigie.interface.scenarios` : l'atelier (scénario de travail et
réglages), les hypothèses, la comparaison, l'enregistrement.
"""

import streamlit as st

from vigie import textes
from vigie.interface import barre_laterale, composants
from vigie.interface.scenarios import atelier, comparaison, enregistrement, equipements, hypotheses

selection = barre_laterale.selection_courante()
st.title("Scénarios : et si… ?")
st.caption(f"{selection.libelle} · horizon {selection.horizon} · {textes.PROJECTION_AVERTISSEMENT}")

composants.message_laisse("scenarios_message")

travail = atelier.preparer(selection)
atelier.lire_le_lien(travail)
atelier.choisir_scenario_de_travail(travail)
atelier.charger(travail)

hypotheses.population(travail)
hypotheses.logements(travail)
equipements.ratios(travail)
equipements.equipements(travail)

brouillon = atelier.lire_brouillon(travail)
if brouillon is None:
    st.stop()

compares, simuler = comparaison.choisir_comparaison(travail)
resultats = comparaison.calculer(travail, brouillon, compares, simuler)
comparaison.montrer(travail, resultats)

enregistrement.enregistrer(travail, brouillon, compares)
enregistrement.versions(travail)
enregistrement.corbeille()
