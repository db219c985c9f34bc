"""Les scénarios dans l'application : le catalogue commun à toutes les pages et son menu
(`catalogue`), leur calcul en cache (`calcul`), et les morceaux de la page Scénarios : l'état de
l'atelier (`atelier`), les réglages des hypothèses (`hypotheses`, `equipements`), la comparaison
(`comparaison`) et l'enregistrement avec ses versions et sa corbeille (`enregistrement`).

Ce fichier ne fait que rendre les fonctions les plus demandées accessibles sous
`vigie.interface.scenarios` : `catalogue()`, `choisir(...)`, `resultat_entree(...)`.
"""

from vigie.interface.scenarios.calcul import (
    bilan_entree,
    modele,
    perimetre,
    resultat,
    resultat_entree,
    tableaux_entree,
)
from vigie.interface.scenarios.catalogue import Entree, catalogue, choisir

__all__ = [
    "bilan_entree",
    "Entree",
    "catalogue",
    "choisir",
    "modele",
    "perimetre",
    "resultat",
    "resultat_entree",
    "tableaux_entree",
]
