"""Scénarios — et si… ? Build a scenario in a council's words, save it, compare it side by side.

Decision supported: before voting a housing programme, a new crèche or a school closure, see what
it changes — the population, the children and elderly to serve, the need for places and classes
and the year capacity runs short — compared with the central scenario or with other options, and
keep the scenario (versions, bin) to bring it back to the next meeting with a link.

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
