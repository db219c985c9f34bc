"""Issue 18, point 5 : les libellés et hypothèses des scénarios écrivent le vrai signe moins
(« −0,2 enfant par femme »), jamais le trait d'union d'un « -0,2 »."""

from __future__ import annotations

import re

import pandas as pd

from models.projection.scenario import scenarios_standard
from vigie.analyses import scenarios
from vigie.exports import contenu
from vigie.format_fr import MOINS

TRAIT_DEVANT_CHIFFRE = re.compile(r"(?<![\w-])-\d")


def test_libelles_standard_sans_trait_d_union():
    libelles = [s.libelle for s in scenarios_standard()]
    assert not [t for t in libelles if TRAIT_DEVANT_CHIFFRE.search(t)]
    assert f"Fécondité basse ({MOINS}0,2 enfant par femme)" in libelles
    assert f"Espérance de vie basse ({MOINS}2 ans en 2070)" in libelles


def test_hypotheses_signees_par_format_fr():
    texte = contenu.hypotheses({"fecondite_ecart": -0.2})
    assert texte == f"fécondité {MOINS}0,2 enfant par femme"
    assert contenu.hypotheses({"fecondite_ecart": 0.2}) == "fécondité +0,2 enfant par femme"


def test_ecart_d_annee_signe_moins():
    df = pd.DataFrame(
        {
            "theme": ["Services"],
            "indicateur": ["Premier déficit (année)"],
            "unite": ["année"],
            "A": [2030.0],
            "B": [2028.0],
            "Écart : B": [-2.0],
        }
    )
    sortie = scenarios.tableau_differences_texte(df, ["A", "B"])
    assert f"{MOINS}2 an(s)" in sortie.to_string()
