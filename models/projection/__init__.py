"""Projection démographique par composantes (méthode Omphale simplifiée, INSEE), commune × sexe × âge.

API publique :

- ``charger_reference`` : paramètres nationaux INSEE (``data/reference``) ;
- ``DonneesProjection`` : les tableaux d'entrée (population, naissances, décès, communes) ;
- ``estimer_modele`` : taux locaux mutualisés (mortalité, fécondité, migrations) ;
- ``Scenario``, ``ProgrammeLogement``, ``scenarios_standard`` : hypothèses sérialisables ;
- ``projeter``, ``projeter_scenarios`` : chemin central et intervalles 80 %/95 % ;
- ``agreger``, ``par_groupes_age`` : EPCI/territoire et groupes d'âges ;
- ``backtest`` : rétro-projection et calibrage des intervalles ;
- ``eclater_groupes`` : groupes quinquennaux -> âges détaillés.
"""

from .age_detaille import eclater_groupes, eclater_vecteur
from .entrees import DonneesProjection, ErreurDonnees
from .projection import (
    GROUPES_SERVICES,
    ResultatProjection,
    agreger,
    par_groupes_age,
    projeter,
    projeter_scenarios,
)
from .reference import ReferenceNationale, charger_reference
from .scenario import ErreurScenario, ProgrammeLogement, Scenario, scenarios_standard
from .taux import ModeleProjection, ParametresEstimation, estimer_modele

__all__ = [
    "GROUPES_SERVICES",
    "DonneesProjection",
    "ErreurDonnees",
    "ErreurScenario",
    "ModeleProjection",
    "ParametresEstimation",
    "ProgrammeLogement",
    "ReferenceNationale",
    "ResultatProjection",
    "Scenario",
    "agreger",
    "charger_reference",
    "eclater_groupes",
    "eclater_vecteur",
    "estimer_modele",
    "par_groupes_age",
    "projeter",
    "projeter_scenarios",
    "scenarios_standard",
]
