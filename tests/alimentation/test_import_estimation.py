"""Structure par âge estimée quand le recensement détaillé manque (issue 14, point 2) : population
légale × structure du département, éclatée en âges détaillés, drapeau `methode`, remplacée par le
recensement ; projection par groupes d'années ; écarts qui élargissent les intervalles."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from models.projection import DonneesProjection
from tests.conftest import lire
from vigie.alimentation import estimation, importation
from vigie.reglages import territoires


def _groupes(deps=(("29", 1.0), ("56", 0.8), ("22", 1.2))):
    """Estimations départementales en groupes quinquennaux (0, 5, ..., 95 ouvert)."""
    lignes = []
    for dep, vieux in deps:
        for sexe in (1, 2):
            for age_min in range(0, 100, 5):
                poids = 1000 * (1 + vieux * age_min / 100) * np.exp(-age_min / 40)
                lignes.append((dep, 2021, sexe, age_min, poids * (1.05 if sexe == 2 else 1)))
    return pd.DataFrame(lignes, columns=["code_dep", "annee", "sexe", "age_min", "population"])


def test_estimer_conserve_les_totaux_et_la_structure():
    communes = pd.DataFrame(
        {
            "code_commune": ["29151", "29151", "29105"],
            "code_dep": ["29", "29", "29"],
            "annee": [2021, 2023, 2021],
            "population_municipale": [15000.0, 15200.0, 9000.0],
        }
    )
    population, drapeaux = estimer(communes)
    totaux = population.groupby(["code_commune", "annee"])["population"].sum()
    assert totaux.loc[("29151", 2021)] == pytest.approx(15000)
    assert totaux.loc[("29151", 2023)] == pytest.approx(15200)
    assert set(population["age"]) == set(range(101)) and set(population["sexe"]) == {1, 2}
    assert (population["population"] >= 0).all()
    # Même structure que le département la même année (ici 2021).
    parts = estimation.structures_detaillees(_groupes())
    p29 = parts[(parts["code_dep"] == "29") & (parts["annee"] == 2021)]
    c = population[(population["code_commune"] == "29105") & (population["annee"] == 2021)]
    assert np.allclose(c["population"].to_numpy() / 9000, p29["part"].to_numpy())
    # 2023 : structure de 2021 vieillie de deux ans.
    assert set(drapeaux["annee_structure"]) == {2021}
    assert set(drapeaux["methode"]) == {"structure_departement"}
    assert (drapeaux["erreur_relative"] > 0).all()


def estimer(communes):
    return estimation.estimer(communes, _groupes())


def test_vieillir_avance_les_cohortes():
    parts = np.zeros((2, 101))
    parts[:, 10] = 0.5
    vieilli = estimation.vieillir(parts, 2)
    assert vieilli[:, 12].sum() == pytest.approx(1.0)
    assert vieilli[:, 10].sum() == 0


def test_vieillir_avec_les_deces_du_departement():
    """Issue 14 : vieillie sans décès, la structure de 2021 gonflait les 75 ans ou plus du Pays de
    Morlaix de 7 % par an ; les rapports de cohorte du département les font mourir et partir."""
    avant = np.full((2, 101), 100.0)
    apres = np.full((2, 101), 100.0)
    apres[:, 80:] = 90.0  # 10 % de chaque cohorte de 79 ans ou plus disparaît en un an
    apres[:, 80] = 90.0
    rapports = estimation.rapports_de_cohorte(avant, apres)
    assert rapports[:, 50] == pytest.approx(1.0)
    assert rapports[:, 81] == pytest.approx(0.9)
    assert rapports[:, 100] == pytest.approx(90 / 200)  # 99 ans et 100+ réunis
    parts = np.zeros((2, 101))
    parts[:, 85] = 0.25
    parts[:, 10] = 0.25
    vieilli = estimation.vieillir(parts, 1, rapports)
    assert vieilli[:, 86].sum() / vieilli[:, 11].sum() == pytest.approx(0.9)
    assert vieilli.sum() == pytest.approx(1.0)


def test_ecarts_relatifs_mesures_entre_departements():
    ecarts = estimation.ecarts_relatifs(_groupes())
    assert set(ecarts) >= {"0-2 ans", "75 ans et plus", "Ensemble"}
    assert all(v >= 0 for v in ecarts.values())
    larges = [v for k, v in ecarts.items() if k not in ("Ensemble", "85 ans et plus")]
    assert min(larges) <= ecarts["Ensemble"] <= max(larges)
    # Deux départements identiques : aucun écart.
    memes = estimation.ecarts_relatifs(_groupes((("29", 1.0), ("56", 1.0))))
    assert max(memes.values()) == pytest.approx(0, abs=1e-12)


def test_separer_par_annees():
    def pop(code, annees):
        return [(code, a, s, g, 1.0) for a in annees for s in (1, 2) for g in range(101)]

    lignes = pop("00001", [2016, 2021]) + pop("00002", [2016, 2021]) + pop("29151", [2019, 2023])
    lignes += pop("29105", [2023])
    donnees = DonneesProjection(
        population=pd.DataFrame(
            lignes, columns=["code_commune", "annee", "sexe", "age", "population"]
        ),
        communes=pd.DataFrame(
            {
                "code_commune": ["00001", "00002", "29151", "29105"],
                "code_epci": ["1", "1", "2", "2"],
            }
        ),
    )
    groupes = estimation.separer_par_annees(donnees)
    assert [sorted(g.communes["code_commune"]) for g in groupes] == [
        ["00001", "00002"],
        ["29151"],
    ]


def test_estimation_dans_la_base_puis_recensement(base_copie, fixture, avec_geographie):
    importation.importer(
        avec_geographie("ensemble_pop_legales_2022.xlsx", "estim-pop-dep-sexe-aq-2020-2021.xlsx")
    )
    # Hors de tout territoire : pas d'estimation.
    assert lire(base_copie, "select count(*) from population_estimee") == [(0,)]
    territoires.enregistrer("Pays de Morlaix", epcis=["242900835", "242900751"])
    # Le territoire s'applique ; l'estimation suit au prochain import ou à la construction.
    importation.importer([fixture("DS_ETAT_CIVIL_NAIS_COMMUNES_data.csv")])
    estimees = lire(
        base_copie,
        "select code_commune, annee, methode, code_dep, annee_structure from population_estimee "
        "order by 1",
    )
    assert [e[0] for e in estimees] == ["29105", "29151", "29199"]
    assert {e[1:] for e in estimees} == {(2022, "structure_departement", "29", 2021)}
    totaux = dict(
        lire(
            base_copie,
            "select code_commune, sum(population) from population where annee = 2022 group by 1",
        )
    )
    assert totaux["29151"] == pytest.approx(15220)
    (origine, titre) = lire(
        base_copie,
        "select distinct s.origine, s.titre from population p join source s using (id_source) "
        "where p.code_commune = '29151'",
    )[0]
    assert origine == "estimation" and "structure par sexe et âge de son département" in titre
    # Le recensement par âge de Morlaix et Landivisiau remplace leur estimation.
    importation.importer([fixture("BTT_TD_POP1B_2021.csv")])
    assert [c for (c,) in lire(base_copie, "select code_commune from population_estimee")] == [
        "29199"
    ]
    assert lire(
        base_copie,
        "select distinct annee from population where code_commune = '29151'",
    ) == [(2021,)]
