"""Scénarios « et si » d'un territoire : hypothèses démographiques, ratios de demande, équipements.

API publique :

- ``HypothesesScenario`` : tout ce qu'un scénario change (démographie ``models.projection.Scenario``,
  ratios de demande, ouvertures et fermetures d'équipements), sérialisable en JSON et validé
  (``ErreurScenario``, message français nommant le paramètre) ;
- ``RatioScenario``, ``OuvertureEquipement``, ``FermetureEquipement`` : ses éléments ;
- ``PROFILS_ARRIVANTS`` : profils d'âge proposés pour les habitants des logements neufs ;
- ``appliquer_equipements`` : l'inventaire des équipements avec les ouvertures et fermetures du
  scénario ;
- ``appliquer_ratios`` : les ratios d'un territoire recouverts par ceux du scénario.

Ce paquet n'importe ni streamlit ni duckdb (voir ``models/__init__.py``).
"""

from .hypotheses import (
    PROFILS_ARRIVANTS,
    FermetureEquipement,
    HypothesesScenario,
    OuvertureEquipement,
    RatioScenario,
    appliquer_equipements,
    appliquer_ratios,
)

__all__ = [
    "PROFILS_ARRIVANTS",
    "FermetureEquipement",
    "HypothesesScenario",
    "OuvertureEquipement",
    "RatioScenario",
    "appliquer_equipements",
    "appliquer_ratios",
]
