"""Validation sur les fichiers INSEE réels (issue 4, point 5) ; sautée sans ../shared/data."""

import pytest

from models.projection.validation import (
    GROUPES,
    lire_departements,
    valider_departements,
    valider_france,
)


def test_lecture_des_estimations_departementales(donnees_partagees):
    est = lire_departements(
        donnees_partagees / "population_departement" / "estim-pop-dep-sexe-aq-1975-2021.xlsx",
        [2021],
    )
    fin = est[est["code_dep"] == "29"]
    assert fin["nom"].iloc[0] == "Finistère"
    # PROVENANCE.md : Finistère 2021, deux sexes, 0-4 : 41 046
    assert fin[fin["age_debut"] == 0]["population"].sum() == 41_046
    assert len(fin) == 2 * 20


def test_bretagne_2011_2021(donnees_partagees):
    detail, resume = valider_departements(
        donnees_partagees, codes=["22", "29", "35", "56"], n_tirages=30
    )
    assert set(detail["code_dep"]) == {"22", "29", "35", "56"}
    assert list(resume["groupe"]) == list(GROUPES)
    r = resume.set_index("groupe")
    # le modèle par composantes de cohortes bat le maintien de la population constante sur chaque
    # groupe
    assert (r["mape_vigie"] < r["mape_constante"]).all(), r
    assert r.loc["Ensemble", "mape_vigie"] < 5


def test_france_contre_insee(donnees_partagees):
    t = valider_france(donnees_partagees).set_index("groupe")
    assert t.loc["Ensemble", "observe"] == pytest.approx(67_407_241)
    assert abs(t.loc["Ensemble", "erreur_vigie"]) < 1.0
    # mieux que les deux références naïves sur le total et les 75+ (cohortes déjà en vie)
    for g in ("Ensemble", "75 ans et plus"):
        assert abs(t.loc[g, "erreur_vigie"]) < abs(t.loc[g, "erreur_constante"])
        assert abs(t.loc[g, "erreur_vigie"]) < abs(t.loc[g, "erreur_croissance_constante"])
