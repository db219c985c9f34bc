"""Imports écrits dans une copie de la base de démonstration : la géographie d'abord, quel que soit
l'ordre donné, les codes ramenés à la géographie en vigueur (29219 Le Ponthou -> 29199 Plouigneau,
chiffres additionnés, contours réunis), la provenance enregistrée, réimport et retrait, territoires
propres à l'utilisateur."""

from __future__ import annotations

import json

import pytest

from tests.alimentation.conftest import GEOGRAPHIE
from tests.conftest import lire
from vigie.alimentation import importation
from vigie.alimentation.importation import depot
from vigie.reglages import territoires


def test_geographie_populations_contours(base_copie, fixture):
    # Fichiers de données listés avant la géographie : l'import les remet lui-même dans l'ordre.
    rapport = importation.importer(
        [
            fixture("ensemble_pop_legales_2022.xlsx"),
            fixture("communes-29-extrait.geojson"),
            fixture("base-cc-serie-historique-2021.CSV"),
        ]
        + [fixture(n) for n in GEOGRAPHIE]
    )
    assert {f.statut for f in rapport.fichiers} == {"importé"}
    assert lire(base_copie, "select count(*) from commune where code_dep = '29'") == [(5,)]
    assert lire(base_copie, "select code_epci from commune where code_commune = '29199'") == [
        ("242900835",)
    ]
    # Contours de 2018 : Le Ponthou réuni à Plouigneau en un seul MultiPolygon.
    (geo,) = lire(base_copie, "select geojson from commune_geo where code_commune = '29199'")[0]
    assert json.loads(geo)["type"] == "MultiPolygon"
    assert lire(base_copie, "select count(*) from commune_geo where code_commune = '29219'") == [
        (0,)
    ]
    # Séries historiques : la population 1999 du Ponthou ajoutée à celle de Plouigneau.
    assert lire(
        base_copie,
        "select population_municipale from population_legale "
        "where code_commune = '29199' and annee = 1999",
    ) == [(4620.0,)]
    # Provenance de chaque fichier, avec l'année du COG.
    sources = dict(
        lire(base_copie, "select fichier, annee_cog from source where origine = 'import'")
    )
    assert sources["ensemble_pop_legales_2022.xlsx"] == 2024
    assert sources["EPCI_au_01-01-2024.xlsx"] == 2024
    assert all(
        len(s) == 64
        for (s,) in lire(base_copie, "select sha256 from source where origine = 'import'")
    )
    # Nom du département tiré de la feuille Départements du classeur.
    assert lire(base_copie, "select nom_dep from departement where code_dep = '29'") == [
        ("Finistère",)
    ]
    # Fichiers gardés tels quels dans le dossier de l'utilisateur, avec un manifeste.
    manifeste = depot.lire_manifeste()
    assert len(manifeste) == 6
    for entree in manifeste:
        garde = depot.dossier_imports() / entree["stocke"]
        assert garde.read_bytes() == fixture(entree["nom"]).read_bytes()


def test_reimport_identique_et_retrait(base_copie, fixture):
    importation.importer([fixture(n) for n in GEOGRAPHIE])
    rapport = importation.importer([fixture("v_commune_2026.csv")])
    assert [f.statut for f in rapport.fichiers] == ["déjà importé"]
    importation.importer([fixture("ensemble_pop_legales_2022_Communes_extrait.csv")])
    assert lire(base_copie, "select count(*) from population_legale") == [(4,)]
    depot.retirer("ensemble_pop_legales_2022_Communes_extrait.csv")
    assert lire(base_copie, "select count(*) from population_legale") == [(0,)]
    assert len(depot.lire_manifeste()) == 3
    with pytest.raises(importation.ErreurImport):
        depot.retirer("jamais_importe.csv")


def test_territoire_a_soi(base_copie, fixture, avec_geographie):
    importation.importer(avec_geographie("ensemble_pop_legales_2022.xlsx"))
    t = territoires.enregistrer(
        "Pays de Morlaix (essai)",
        epcis=["242900835", "Haut-Léon"],
        communes=["Landivisiau"],
    )
    assert t.code == "PAYS-DE-MORLAIX-ESSAI"
    membres = lire(
        base_copie,
        "select code_commune from territoire_commune where code_territoire = ? order by 1",
        t.code,
    )
    assert [c for (c,) in membres] == ["29105", "29151", "29199", "29259"]
    total = lire(
        base_copie,
        "select sum(population_municipale) from mart_population_legale "
        "where niveau = 'territoire' and code_perimetre = ?",
        t.code,
    )
    assert total == [(15220 + 5039 + 6841 + 9197,)]
    # Le territoire de démonstration est encore là ; un import suivant garde celui de l'utilisateur.
    assert lire(
        base_copie, "select count(*) from territoire_commune where code_territoire = 'PAYSDEMO'"
    ) == [(59,)]
    importation.importer([fixture("DS_ETAT_CIVIL_NAIS_COMMUNES_data.csv")])
    assert lire(
        base_copie, "select count(*) from territoire_commune where code_territoire = ?", t.code
    ) == [(4,)]
    assert [x.code for x in territoires.lister()] == [t.code]
    territoires.supprimer(t.code)
    assert lire(
        base_copie, "select count(*) from territoire where code_territoire = ?", t.code
    ) == [(0,)]


def test_territoire_refus_clairs(base_copie, fixture):
    importation.importer([fixture(n) for n in GEOGRAPHIE])
    with pytest.raises(territoires.ErreurTerritoire, match="Donnez un nom"):
        territoires.enregistrer("  ", epcis=["242900835"])
    with pytest.raises(territoires.ErreurTerritoire, match="EPCI 999999999 inconnu"):
        territoires.enregistrer("X", epcis=["999999999"])
    with pytest.raises(territoires.ErreurTerritoire, match="plusieurs EPCI"):
        territoires.enregistrer("X", epcis=["Communauté"])
    with pytest.raises(territoires.ErreurTerritoire, match="au moins un EPCI"):
        territoires.enregistrer("X")
    with pytest.raises(territoires.ErreurTerritoire, match="territoire livré"):
        territoires.enregistrer("Paysdemo", epcis=["242900835"])


def test_recensement_et_usages(base_copie, avec_geographie):
    from vigie import chemins

    importation.importer(
        avec_geographie(
            "BTT_TD_POP1B_2021.csv",
            "bpe23_ensemble.csv",
            chemins.DOSSIER_DONNEES / "modeles" / "modele_usages.csv",
        )
    )
    (total,) = lire(
        base_copie,
        "select sum(population) from population where code_commune = '29151' and annee = 2021",
    )[0]
    assert total == pytest.approx(
        sum(max(0.0, 80 - 0.6 * a) * 1.5 * 2 + 3 * 1.5 * (80 - 0.6 * a > 0) for a in range(101)),
        rel=1e-6,
    )
    assert lire(base_copie, "select count(*) from equipement where code_commune = '29151'") == [
        (5,)
    ]
    assert lire(
        base_copie, "select count(*) from usage_observation where id_serie = 'EAU-PAYS-VOLUME'"
    ) == [(2,)]
    assert lire(
        base_copie, "select frequence from usage_serie where id_serie = 'EAU-PAYS-VOLUME'"
    ) == [("annuelle",)]
