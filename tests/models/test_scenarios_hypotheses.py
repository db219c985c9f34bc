"""Issue 6 : les hypothèses d'un scénario — aller-retour JSON, valeurs impossibles refusées par un
message en français qui nomme le paramètre, ouvertures/fermetures et ratios appliqués aux données
d'un territoire."""

from __future__ import annotations

import pandas as pd
import pytest

from models.projection import ErreurScenario, ProgrammeLogement, Scenario
from models.scenarios import hypotheses

RATIOS = pd.DataFrame(
    {
        "service": ["petite_enfance", "ecole_maternelle"],
        "methode": ["accueil_collectif", "plafond"],
        "age_min": [0, 3],
        "age_max": [2, 5],
        "unite": ["places", "classes"],
        "ratio": [17.8, 1.0],
        "par": [100.0, 24.0],
    }
)
EQUIPEMENTS = pd.DataFrame(
    {
        "id_equipement": ["E1", "E2"],
        "service": ["petite_enfance", "ecole_maternelle"],
        "type_equipement": ["Crèche", "École"],
        "nom": ["Crèche A", "École B"],
        "code_commune": ["00001", "00002"],
        "nom_commune": ["Porz-Vihan", "Autre"],
        "capacite": [81.0, 9.0],
        "unite_capacite": ["places", "classes"],
        "annee_ouverture": pd.array([1997, pd.NA], dtype="Int64"),
        "annee_fermeture": pd.array([pd.NA, 2040], dtype="Int64"),
    }
)


def _complet() -> hypotheses.HypothesesScenario:
    return hypotheses.HypothesesScenario(
        demographie=Scenario(
            fecondite_ecart=0.2,
            migration_multiplicateur=0.5,
            programmes_logement=[
                ProgrammeLogement(
                    "00001", 100, 2027, 2030, 2.3, hypotheses.PROFILS_ARRIVANTS["seniors"][1]
                )
            ],
        ),
        ratios=[hypotheses.RatioScenario("ecole_maternelle", "plafond", 3, 1.0, 22.0)],
        ouvertures=[
            hypotheses.OuvertureEquipement("petite_enfance", "00001", 30, "places", 2027, "Crèche")
        ],
        fermetures=[hypotheses.FermetureEquipement("E2", 2030, "École B")],
    )


def test_aller_retour_json():
    h = _complet()
    relu = hypotheses.HypothesesScenario.from_json(h.to_json())
    assert relu == h
    assert relu.to_json() == h.to_json()
    assert hypotheses.profil_nomme(relu.demographie.programmes_logement[0].profil_age) == "seniors"
    assert not relu.est_central and hypotheses.HypothesesScenario().est_central


def test_profils_proposes_somment_a_un():
    for cle, (libelle, profil) in hypotheses.PROFILS_ARRIVANTS.items():
        assert libelle
        if profil is not None:
            assert sum(profil.values()) == pytest.approx(1, abs=1e-4), cle
            assert all(0 <= a <= 100 for a in profil)


@pytest.mark.parametrize(
    ("modifier", "attendu"),
    [
        (
            lambda h: setattr(h.demographie, "migration_multiplicateur", 5),
            "migration_multiplicateur",
        ),
        (lambda h: setattr(h.demographie, "fecondite_ecart", -2), "fecondite_ecart"),
        (
            lambda h: setattr(h.demographie.programmes_logement[0], "personnes_par_logement", 9),
            r"programmes_logement\[0\]\.personnes_par_logement",
        ),
        (
            lambda h: setattr(h.demographie.programmes_logement[0], "code_commune", "99999"),
            r"programmes_logement\[0\]\.code_commune",
        ),
        (lambda h: setattr(h.ouvertures[0], "capacite", 0), r"ouvertures\[0\]\.capacite"),
        (lambda h: setattr(h.ouvertures[0], "annee", 2015), r"ouvertures\[0\]\.annee"),
        (lambda h: setattr(h.ouvertures[0], "service", "spatioport"), r"ouvertures\[0\]\.service"),
        (lambda h: setattr(h.fermetures[0], "id_equipement", "ZZ"), r"fermetures\[0\]\.id"),
        (lambda h: setattr(h.ratios[0], "par", 60), r"ratios\[0\]\.par : .*élèves par classe"),
        (
            lambda h: h.ratios.append(
                hypotheses.RatioScenario("petite_enfance", "accueil_collectif", 0, 150, 100)
            ),
            r"ratios\[1\]\.ratio",
        ),
    ],
)
def test_valeurs_impossibles_refusees(modifier, attendu):
    h = _complet()
    h.valider(2021, RATIOS, EQUIPEMENTS, {"00001", "00002"})  # valide tel que construit
    modifier(h)
    with pytest.raises(ErreurScenario, match=attendu):
        h.valider(2021, RATIOS, EQUIPEMENTS, {"00001", "00002"})


def test_parametre_inconnu_refuse():
    with pytest.raises(ErreurScenario, match="inconnu"):
        hypotheses.HypothesesScenario.from_dict({"demographie": {}, "pluie": 3})


def test_ouvertures_et_fermetures_appliquees():
    eq = hypotheses.appliquer_equipements(
        EQUIPEMENTS, _complet(), {"00001": "Porz-Vihan", "00002": "Autre"}
    )
    assert len(eq) == 3
    nouvelle = eq[eq["id_equipement"] == "scenario-1"].iloc[0]
    assert nouvelle["capacite"] == 30 and nouvelle["annee_ouverture"] == 2027
    assert eq.loc[eq["id_equipement"] == "E2", "annee_fermeture"].iloc[0] == 2030  # 2040 → 2030
    # Une ouverture hors du périmètre est laissée de côté.
    assert len(hypotheses.appliquer_equipements(EQUIPEMENTS, _complet(), {"00002": "Autre"})) == 2


def test_ratios_du_scenario_par_dessus_ceux_du_territoire():
    territoire = pd.DataFrame(
        {
            "service": ["ecole_maternelle", "petite_enfance"],
            "methode": ["plafond", "accueil_collectif"],
            "age_min": [3, 0],
            "ratio": [1.0, 25.0],
            "par": [20.0, 100.0],
        }
    )
    modifs, methodes = hypotheses.appliquer_ratios(territoire, {}, _complet())
    par_service = modifs.set_index("service")
    assert par_service.loc["ecole_maternelle", "par"] == 22  # le scénario l'emporte
    assert par_service.loc["petite_enfance", "ratio"] == 25  # celui propre au territoire reste
    assert methodes == {"ecole_maternelle": "plafond"}
