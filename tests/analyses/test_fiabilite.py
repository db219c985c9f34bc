"""La fiche « Fiabilité » en phrases (vigie/analyses/fiabilite.py, issue 19) : lignes données →
phrase attendue, sans base ni fichier."""

from __future__ import annotations

import pandas as pd

from vigie.analyses import fiabilite


def _mesures(lignes: list[tuple[str, float, float, float]]) -> pd.DataFrame:
    """(groupe, couverture_80, biais_moyen, erreur_abs_moyenne) d'une fenêtre à 10 ans."""
    return pd.DataFrame(
        [
            {
                "fenetre": "2006, 2011 → 2021",
                "horizon": 10,
                "groupe": g,
                "methode": "vigie",
                "n": 94,
                "erreur_abs_moyenne": e,
                "erreur_abs_mediane": e,
                "biais_moyen": b,
                "erreur_ponderee": e,
                "couverture_80": c,
                "couverture_95": min(1.0, c + 0.12),
            }
            for g, c, b, e in lignes
        ]
    )


def test_cases_hors_cible_separe_l_erreur_commune():
    m = _mesures(
        [
            ("Ensemble", 0.80, 0.1, 1.0),  # dans la cible
            ("0-4 ans", 0.40, 11.0, 12.0),  # trop étroite, tous dans le même sens
            ("20-24 ans", 0.60, 1.0, 12.0),  # trop étroite, erreurs locales
            ("75 ans et plus", 0.97, 0.5, 3.0),  # trop large
        ]
    )
    h = fiabilite.cases_hors_cible(m)
    parfait = h.pop("hors_modele_parfait")
    assert h == {"cases": 4, "hors": 3, "trop_etroites": 2, "communes": 1}
    # 94 départements par case : un modèle parfait en laisse hors de la bande ~0,8 sur 4
    assert 0.5 < parfait < 1.2
    phrase = fiabilite.phrase_couverture(m)
    assert "sortie de 75-85 % dans 3 cas sur 4" in phrase
    assert "trop étroite dans 2 ; dans 1 de ces derniers" in phrase
    assert "Même parfaitement calibrée" in phrase and "dans 1 cas sur 4 environ" in phrase


def test_phrase_couverture_sans_case_hors_cible():
    phrase = fiabilite.phrase_couverture(_mesures([("Ensemble", 0.80, 0.1, 1.0)]))
    assert phrase.startswith("Fourchettes :") and "sortie" not in phrase
    sans_vigie = _mesures([("Ensemble", 0.80, 0.1, 1.0)]).assign(methode="constante")
    assert fiabilite.phrase_couverture(sans_vigie) == ""
