"""Chaque importeur sur sa fixture, écrite dans la disposition exacte de l'éditeur : le fichier est
reconnu à son contenu, et sa lecture donne les lignes attendues (rien n'est écrit dans une base
ici)."""

from __future__ import annotations

import shutil

import pandas as pd
import pytest

from vigie.alimentation.importation import formats


@pytest.mark.parametrize(
    ("nom", "format_attendu", "tables"),
    [
        ("EPCI_au_01-01-2024.xlsx", "epci_composition", {"commune": 5, "epci": 3}),
        (
            "EPCI_au_01-01-2024_Composition_communale.csv",
            "epci_composition",
            {"commune": 4, "epci": 3},
        ),
        ("epcicom2025.xlsx", "epci_dgcl", {"commune": 4, "epci": 3}),
        ("v_commune_2026.csv", "cog_communes", {"commune": 5, "commune_rattachement": 1}),
        ("v_mvt_commune_2026.csv", "cog_mouvements", {"commune_mouvement": 3}),
        (
            "ensemble_pop_legales_2022.xlsx",
            "population_legale",
            {"population_legale": 4, "departement": 1},
        ),
        (
            "ensemble_pop_legales_2022_Communes_extrait.csv",
            "population_legale",
            {"population_legale": 4},
        ),
        ("donnees_communes_pop_legale_2021.csv", "population_legale", {"population_legale": 4}),
        ("BTT_TD_POP1B_2021.csv", "rp_age_detaille", {"population": 404}),
        ("pop-sexe-age-quinquennal6821.xlsx", "rp_age_quinquennal", {"population": 404}),
        (
            "base-cc-serie-historique-2021.CSV",
            "serie_historique",
            {"population_legale": 21, "etat_civil_periode": 6},
        ),
        ("DS_ETAT_CIVIL_NAIS_COMMUNES_data.csv", "etat_civil", {"etat_civil_commune": 4}),
        (
            "estim-pop-dep-sexe-aq-2020-2021.xlsx",
            "estimation_departement",
            {"population_departement": 2 * 2 * 3 * 20},
        ),
        ("bpe23_ensemble.csv", "bpe", {"equipement": 7}),
        ("bpe21_ensemble_xy.csv", "bpe", {"equipement": 4}),
        ("valeurs_mensuelles.csv", "serie_bdm", {"serie_insee": 3}),
        ("communes-29-extrait.geojson", "geojson", {"commune_geo": 5}),
        ("departement-29.geojson", "geojson", {"departement_geo": 1}),
    ],
)
def test_chaque_fichier_est_reconnu_et_lu(fixture, nom, format_attendu, tables):
    lot = formats.lire(fixture(nom))
    assert lot.format == format_attendu
    assert {t: len(df) for t, df in lot.tables.items()} == tables


def test_reconnu_par_le_contenu_pas_par_le_nom(fixture, tmp_path):
    copie = tmp_path / "fichier_renomme.txt"
    shutil.copyfile(fixture("ensemble_pop_legales_2022_Communes_extrait.csv"), copie)
    # L'année vient des lignes de titre, pas du nom.
    lot = formats.lire(copie)
    assert lot.format == "population_legale"
    assert set(lot.tables["population_legale"]["annee"]) == {2022}


def test_epci_titres_libelles_et_entete_codes(fixture):
    lot = formats.lire(fixture("EPCI_au_01-01-2024.xlsx"))
    communes = lot.tables["commune"].set_index("code_commune")
    assert lot.annee_cog == 2024
    assert communes.loc["29151", "code_epci"] == "242900835"
    assert pd.isna(communes.loc["29083", "code_epci"])  # ZZZZZZZZZ : pas d'EPCI
    assert communes.loc["29151", "_ligne"] == 7  # titres, libellés, en-tête des codes, données
    natures = lot.tables["epci"].set_index("code_epci")["nature_epci"]
    assert natures["242900835"] == "CA"  # de la feuille EPCI


def test_population_legale_code_en_deux_colonnes_et_espaces_insecables(fixture):
    for nom in ("ensemble_pop_legales_2022.xlsx", "ensemble_pop_legales_2022_Communes_extrait.csv"):
        lot = formats.lire(fixture(nom))
        pop = lot.tables["population_legale"].set_index("code_commune")
        assert pop.loc["29151", "population_municipale"] == 15220
        assert lot.annee_cog == 2024  # "limites territoriales en vigueur au 1er janvier 2024"
    deps = formats.lire(fixture("ensemble_pop_legales_2022.xlsx")).tables["departement"]
    assert deps.iloc[0]["nom_dep"] == "Finistère"


def test_recensement_age_detaille(fixture):
    lot = formats.lire(fixture("BTT_TD_POP1B_2021.csv"))
    pop = lot.tables["population"]
    assert set(pop["annee"]) == {2021}
    assert set(pop["code_commune"]) == {"29151", "29105"}  # lignes ARM laissées de côté
    assert pop["age"].max() == 100


def test_recensement_quinquennal_eclate_en_conservant_les_totaux(fixture):
    lot = formats.lire(fixture("pop-sexe-age-quinquennal6821.xlsx"))
    pop = lot.tables["population"]
    totaux = pop.groupby(["code_commune", "sexe"])["population"].sum()
    attendu = sum(500 - 20 * g for g in range(1, 21))
    assert totaux.round(6).eq(attendu).all()
    # le groupe 0-4 réparti sur les âges 0..4 garde son total
    morlaix = pop[(pop.code_commune == "29151") & (pop.sexe == 1) & (pop.age <= 4)]
    assert morlaix["population"].sum() == pytest.approx(480)
    assert lot.annee_cog == 2023


def test_estimations_departement_guillemets_et_provisoires(fixture):
    lot = formats.lire(fixture("estim-pop-dep-sexe-aq-2020-2021.xlsx"))
    df = lot.tables["population_departement"]
    finistere = df[(df.code_dep == "29") & (df.annee == 2021) & (df.sexe == 1)]
    # le signe de répétition tient lieu de « 5 à 9 ans »
    assert finistere.set_index("age_min").loc[5, "age_max"] == 9
    assert finistere.set_index("age_min").loc[5, "population"] == 1010
    assert pd.isna(finistere.set_index("age_min").loc[95, "age_max"])  # 95 ans et plus
    assert set(df[df.provisoire]["annee"]) == {2020, 2021}
    assert "France métropolitaine" not in set(df["code_dep"])


@pytest.mark.parametrize(
    "nom, services",
    [
        (
            "bpe23_ensemble.csv",
            [("college", 2), ("ecole_maternelle", 3), ("petite_enfance", 1), ("piscine", 1)],
        ),
        # bpeAAAA_ensemble_xy.csv (issue 15) : pas de NB_EQUIP, une ligne par équipement.
        ("bpe21_ensemble_xy.csv", [("ecole_maternelle", 2), ("ehpad", 1), ("petite_enfance", 1)]),
    ],
)
def test_bpe_garde_les_services_suivis(fixture, nom, services):
    """Les types hors des services suivis (A101) sont comptés, pas gardés ; la BPE ne donne
    aucune capacité : aucune n'est inventée."""
    lot = formats.lire(fixture(nom))
    eq = lot.tables["equipement"]
    assert sorted(eq["service"].value_counts().items()) == services
    assert any("hors des services" in r for r in lot.remarques)
    assert eq["capacite"].isna().all()


def test_bpe_detail_avec_coordonnees_communes_et_millesime(fixture):
    lot = formats.lire(fixture("bpe21_ensemble_xy.csv"))
    assert set(lot.tables["equipement"]["code_commune"]) == {"29151", "29105"}
    assert lot.source["millesime"] == "BPE 2021"


def test_modele_usages_livre(fixture):
    from vigie import chemins

    lot = formats.lire(chemins.DOSSIER_DONNEES / "modeles" / "modele_usages.csv")
    series = lot.tables["usage_serie"].set_index("id_serie")
    assert series.loc["EAU-PAYS-VOLUME", "frequence"] == "annuelle"
    assert series.loc["PISCINE-LANDI-ENTREES", "frequence"] == "mensuelle"
    obs = lot.tables["usage_observation"]
    assert obs[obs.id_serie == "EAU-PAYS-VOLUME"]["valeur"].max() == 6512300


def test_geojson_collection_ou_entite_seule(fixture):
    assert (
        formats.lire(fixture("departement-29.geojson"))
        .tables["departement_geo"]
        .iloc[0]["code_dep"]
        == "29"
    )
    communes = formats.lire(fixture("communes-29-extrait.geojson")).tables["commune_geo"]
    assert "29219" in set(communes["code_commune"])


def test_serie_bdm(fixture):
    lot = formats.lire(fixture("valeurs_mensuelles.csv"))
    df = lot.tables["serie_insee"]
    assert df["periode"].min() == "2018-01-01"
    assert set(df["statut"]) == {"A", "P"}


def test_trous_gardes_comme_trous(tmp_path):
    """Issue 20 : une valeur BDM codée « O » ou une cellule vide du modèle est un trou, pas une
    erreur « valeur manquante » : la ligne est omise, la série garde ses autres mois."""
    bdm = tmp_path / "bdm.csv"
    bdm.write_text(
        '"Libellé";"Naissances";"Codes"\n"idBank";"000436391";""\n"Période";"";""\n'
        '"2018-03";"59900";"A"\n"2018-02";"";"O"\n"2018-01";"60100";"A"\n',
        encoding="utf-8",
    )
    df = formats.lire(bdm).tables["serie_insee"]
    assert sorted(df["periode"]) == ["2018-01-01", "2018-03-01"]
    modele = tmp_path / "usages.csv"
    modele.write_text(
        "id_serie;service;indicateur;unite;code_commune;periode;valeur\n"
        "S1;piscine;entrées;entrées;;2024-01;10\n"
        "S1;piscine;entrées;entrées;;2024-02;\n"
        "S1;piscine;entrées;entrées;;2024-03;12\n",
        encoding="utf-8",
    )
    obs = formats.lire(modele).tables["usage_observation"]
    assert list(obs["periode"]) == ["2024-01-01", "2024-03-01"]
