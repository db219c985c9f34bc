"""Issue 14, point 2 : sans recensement par âge de tout le département, la comparaison d'un Pays
réel trouve département, région et France dans les sommes des populations légales de leurs
communes, la part des 75 ans ou plus dans les estimations par département de l'INSEE ; son
évolution par an court sur les années qu'elle a (2019-2023, pas 2018-2023)."""

from __future__ import annotations

import duckdb
import pandas as pd
import pytest

from tests.conftest import lire
from vigie.analyses import comparaison


def _remplir(base) -> None:
    """Deux communes du Finistère (région 53) et une d'Ille-et-Vilaine, leurs populations légales
    2019 et 2023, et les estimations par département de 2019 (deux tranches, sexe 0)."""
    with duckdb.connect(str(base)) as con:
        con.execute(
            "insert into source (id_source, fichier, editeur, titre, millesime, licence, sha256) "
            "values (990, 'pl.csv', 'INSEE', 'Populations légales', '2023', 'LO', 'a'), "
            "(991, 'estim.xlsx', 'INSEE', 'Estimations', '2021', 'LO', 'b')"
        )
        con.execute(
            "insert into departement values ('29', 'Finistère', '53', 990), "
            "('35', 'Ille-et-Vilaine', '53', 990)"
        )
        con.execute(
            "insert into commune (code_commune, nom_commune, code_dep, code_reg, id_source) "
            "values ('29151', 'Morlaix', '29', '53', 990), ('29019', 'Brest', '29', '53', 990), "
            "('35238', 'Rennes', '35', '53', 990)"
        )
        for annee, facteur in ((2019, 1.0), (2023, 1.1)):
            con.execute(
                "insert into population_legale values ('29151', ?, ?, null, null, 990), "
                "('29019', ?, ?, null, null, 990), ('35238', ?, ?, null, null, 990)",
                [annee, 1000 * facteur, annee, 3000 * facteur, annee, 6000 * facteur],
            )
        for dep, jeunes, vieux in (("29", 3000.0, 1000.0), ("35", 5000.0, 1000.0)):
            con.execute(
                "insert into population_departement values "
                "(?, 2019, 0, 0, 74, ?, false, 991), (?, 2019, 0, 75, null, ?, false, 991)",
                [dep, jeunes, dep, vieux],
            )


def test_reperes_depuis_les_populations_legales(base_copie):
    _remplir(base_copie)
    lignes = lire(
        base_copie,
        "select niveau, code_perimetre, nom_perimetre, annee, population, part_75_plus, origine "
        "from mart_population_reperes where niveau in ('departement', 'region', 'france') "
        "and code_perimetre in ('29', '53', 'FR') order by niveau, annee",
    )
    d = pd.DataFrame(
        lignes,
        columns=["niveau", "code", "nom", "annee", "population", "part_75_plus", "origine"],
    ).set_index(["niveau", "annee"])
    assert d.loc[("departement", 2019), "population"] == 4000
    assert d.loc[("departement", 2019), "nom"] == "Finistère"
    # La part des 75 ans ou plus des estimations, appliquée au total légal.
    assert d.loc[("departement", 2019), "part_75_plus"] == pytest.approx(1000 / 4000)
    assert "populations légales" in d.loc[("departement", 2019), "origine"]
    assert pd.isna(d.loc[("departement", 2023), "part_75_plus"])  # pas d'estimation en 2023
    assert d.loc[("region", 2023), "population"] == pytest.approx(11000)
    assert d.loc[("region", 2019), "nom"] == "Bretagne"
    assert d.loc[("region", 2019), "part_75_plus"] == pytest.approx(2000 / 10000)
    assert d.loc[("france", 2023), "population"] == pytest.approx(11000)
    # Jamais « somme des … » : comparaison_projete n'y cherche pas de projection.
    assert not d["origine"].str.startswith("somme des").any()


def test_tableau_evolution_sur_les_annees_presentes():
    observe = pd.DataFrame(
        {
            "niveau": ["territoire"] * 2 + ["departement"] * 3,
            "code_perimetre": ["P"] * 2 + ["29"] * 3,
            "nom_perimetre": ["Pays"] * 2 + ["Finistère"] * 3,
            "annee": [2019, 2023, 2018, 2019, 2023],
            "population": [100.0, 104.0, 190.0, 200.0, 210.0],
            "part_0_2": [0.03] * 5,
            "part_75_plus": [0.1, 0.12, 0.1, 0.11, float("nan")],
            "origine": ["somme des 2 communes de la base"] * 2 + ["populations légales"] * 3,
        }
    )
    projete = pd.DataFrame(
        columns=[
            "niveau",
            "code_perimetre",
            "annee",
            "groupe_age",
            "population",
            "bas_80",
            "haut_80",
        ]
    )
    assert comparaison.annee_depart(observe) == 2019
    t = comparaison.tableau(observe, projete).set_index("niveau")
    assert t.loc["territoire", "taux_annuel"] == pytest.approx(1.04 ** (1 / 4) - 1)
    assert t.loc["departement", "taux_annuel"] == pytest.approx(1.05 ** (1 / 4) - 1)
    # La dernière part connue du département, avec son année.
    assert t.loc["departement", "part_75_plus"] == pytest.approx(0.11)
    assert t.loc["departement", "annee_part_75_plus"] == 2019
    series = comparaison.series_trajectoires(observe, projete)
    assert series["annee"].min() == 2019
