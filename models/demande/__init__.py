"""Demande de services tirée de la population projetée, et écart avec la capacité des équipements.

API publique :

- ``ratios_effectifs`` : les ratios par défaut (publiés, avec leur source) recouverts par les
  modifications d'un territoire, et la méthode retenue pour chaque service ;
- ``verifier_ratio`` : refuse une valeur impossible avec un message qui nomme le paramètre ;
- ``calculer_demande`` : population projetée × ratios, avec les fourchettes 80 %/95 % portées
  par les groupes d'âge simulés ;
- ``capacite_par_annee``, ``ecart_capacite``, ``premieres_annees`` : capacité en service chaque
  année, excédent ou déficit, première année où la demande centrale et la demande haute dépassent
  la capacité.

Ce paquet n'importe ni streamlit ni duckdb (voir ``models/__init__.py``).
"""

from .calcul import GROUPE_APPROCHE, calculer_demande, decomposer
from .capacite import (
    COMPARABLE,
    SANS_EQUIPEMENT,
    UNITE_DIFFERENTE,
    capacite_par_annee,
    ecart_capacite,
    premieres_annees,
)
from .ratios import (
    ErreurRatio,
    libelles_parametres,
    ratios_effectifs,
    valider_ratios,
    verifier_ratio,
)

__all__ = [
    "COMPARABLE",
    "GROUPE_APPROCHE",
    "SANS_EQUIPEMENT",
    "UNITE_DIFFERENTE",
    "ErreurRatio",
    "calculer_demande",
    "capacite_par_annee",
    "decomposer",
    "ecart_capacite",
    "libelles_parametres",
    "premieres_annees",
    "ratios_effectifs",
    "valider_ratios",
    "verifier_ratio",
]
