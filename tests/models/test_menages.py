"""Ménages et résidences principales (issue 4, point 4)."""

import numpy as np
import pandas as pd
import pytest

from models.projection.menages import (
    TAILLE_MOYENNE_PUBLIEE,
    calibrer_taux,
    charger_taux,
    projeter_menages,
)


def test_taux_publies_plausibles():
    taux = charger_taux()
    assert taux.shape == (101,)
    assert (taux[:15] == 0).all()  # no household headed by a child
    assert ((taux >= 0) & (taux <= 1)).all()
    assert taux[40] > taux[22]  # headship rises with age through adulthood


def test_menages_a_la_main():
    taux = np.zeros(101)
    taux[30] = 0.5
    taux[80] = 0.8
    pop = pd.DataFrame(
        {
            "annee": [2030, 2030, 2030, 2031],
            "age": [5, 30, 80, 30],
            "population": [100.0, 200.0, 50.0, 10.0],
        }
    )
    res = projeter_menages(pop, taux).set_index("annee")
    assert res.loc[2030, "menages"] == pytest.approx(200 * 0.5 + 50 * 0.8)
    assert res.loc[2030, "taille_moyenne"] == pytest.approx(350 / 140)
    assert res.loc[2031, "menages"] == pytest.approx(5.0)


def test_sexes_sommes_et_erreurs():
    pop = pd.DataFrame({"sexe": [1, 2], "age": [40, 40], "population": [10.0, 10.0]})
    res = projeter_menages(pop)
    assert len(res) == 1 and res["population"].iloc[0] == 20
    with pytest.raises(ValueError, match="colonne"):
        projeter_menages(pop.drop(columns="age"))
    with pytest.raises(ValueError, match="101 valeurs"):
        projeter_menages(pop, np.ones(50))


def test_calibrage_reproduit_la_taille_visee():
    pop = np.linspace(1000, 200, 101)
    taux = calibrer_taux(charger_taux(), pop, 2.5)
    assert pop.sum() / (taux * pop).sum() == pytest.approx(2.5)


def test_taux_recales_sur_la_pyramide_france_2021(donnees_partagees):
    """The shipped rates give INSEE's published 2,16 persons per household on France 2021."""
    d = pd.read_csv(
        donnees_partagees / "mortality_fertility_projections" / "donnees_pyramide_act.csv", sep=";"
    )
    par_age = d[d["ANNEE"] == 2021].groupby("AGE")["POP"].sum()
    pop = par_age.reindex(range(101), fill_value=0).to_numpy(float)
    taille = pop.sum() / (charger_taux() * pop).sum()
    assert taille == pytest.approx(TAILLE_MOYENNE_PUBLIEE, abs=0.01)
