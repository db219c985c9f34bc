"""Cas de recette sur les fichiers réels de ../shared/data (lus tels quels ; sautés sans eux) : le
Pays de Morlaix (59 communes, 130 880 habitants en 2022) d'après le classeur EPCI 2024 de l'INSEE,
le COG 2026, les populations légales et le GeoJSON du Finistère de 2018 (29219 -> 29199 et
29129 -> 29227), ainsi que toutes les autres dispositions publiées listées dans
shared/data/README.md."""

from __future__ import annotations

import pytest

from tests.conftest import EPCI_MORLAIX, journal_pays_reel, lire, remarques_import
from vigie.alimentation.importation import formats


def test_pays_de_morlaix(pays_reel):
    """Sur la base du Pays réel (`pays_reel` : tout ../shared/data importé par la commande du
    README, dont le classeur EPCI 2024, le COG 2026, les populations légales et les contours du
    Finistère de 2018, puis le territoire et la construction) : les fusions de 2019 appliquées aux
    contours, le Pays, ses communes, ses habitants et leurs contours."""
    journal = journal_pays_reel(pays_reel)
    remarques = " ".join(remarques_import(journal).values())
    assert "29129 → 29227" in remarques and "29219 → 29199" in remarques
    base = pays_reel
    [(code,)] = lire(
        base, "select code_territoire from territoire where nom_territoire = 'Pays de Morlaix'"
    )
    assert code == "PAYS-DE-MORLAIX"
    [(epcis,)] = lire(
        base,
        "select list(distinct code_epci order by code_epci) from territoire_commune "
        "join commune using (code_commune) where code_territoire = ?",
        code,
    )
    assert epcis == sorted(EPCI_MORLAIX)
    [(communes, habitants)] = lire(
        base,
        "select nombre_communes, population_municipale from mart_population_legale "
        "where niveau = 'territoire' and code_perimetre = ? and annee = 2022",
        code,
    )
    [(contours,)] = lire(
        base,
        "select count(*) from commune_geo join territoire_commune using (code_commune) "
        "where code_territoire = ?",
        code,
    )
    [(plouigneau,)] = lire(
        base,
        "select json_extract_string(geojson, '$.type') from commune_geo "
        "where code_commune = '29199'",
    )
    [(morlaix,)] = lire(
        base,
        "select population_municipale from population_legale where code_commune = '29151' "
        "and annee = 2022",
    )
    assert (communes, habitants) == (59, 130880)
    assert contours == 59
    assert plouigneau == "MultiPolygon"  # le contour 2018 du Ponthou réuni à Plouigneau
    assert morlaix == 15220


@pytest.mark.parametrize(
    ("chemin", "format_attendu"),
    [
        ("epci/EPCI_au_01-01-2024.xlsx", "epci_composition"),
        ("epci/EPCI_au_01-01-2024_Composition_communale.csv", "epci_composition"),
        ("epci/EPCI_au_01-01-2024_EPCI.csv", "epci_liste"),
        (
            "epci/Intercommunalite-Metropole_au_01-01-2021_Composition_communale.csv",
            "epci_composition",
        ),
        ("epci/epcicom2025_dgcl.xlsx", "epci_dgcl"),
        ("cog/v_commune_2026.csv", "cog_communes"),
        ("cog/v_mvt_commune_2026.csv", "cog_mouvements"),
        ("populations_legales/ensemble_pop_legales_2019_en_vigueur_2022.xlsx", "population_legale"),
        ("populations_legales/ensemble_pop_legales_2019_Communes_extrait.csv", "population_legale"),
        ("populations_legales/donnees_communes_pop_legale_2020.csv", "population_legale"),
        ("populations_legales/donnees_communes_pop_legale_2021.csv", "population_legale"),
        ("populations_legales/donnees_communes_pop_legale_2023.csv", "population_legale"),
        ("populations_legales/ensemble_pop_legales_2022_Communes_extrait.csv", "population_legale"),
        ("population_departement/estim-pop-dep-sexe-aq-1975-2021.xlsx", "estimation_departement"),
        ("births_deaths/naissances_mensuelles_france_metro_000436391_1946-2018.csv", "serie_bdm"),
        ("mortality_fertility_projections/fe_dod_quotients_mortalite.xlsx", "mortalite_annuelle"),
        ("mortality_fertility_projections/fm_t69sur.xlsx", "mortalite_annuelle"),
        ("mortality_fertility_projections/fe_t68.xlsx", "mortalite_t68"),
        (
            "mortality_fertility_projections/irsocprojpop1370_FECcentESPcentMIGcent.xls",
            "projection_nationale",
        ),
        ("mortality_fertility_projections/donnees_pyramide_act_2022.csv", "pyramide_nationale"),
        ("geo/departement-29-finistere.geojson", "geojson"),
        ("geo/communes-bretagne.geojson", "geojson"),
    ],
)
def test_fichier_reel_lu_tel_que_publie(donnees_partagees, chemin, format_attendu):
    lot = formats.lire(donnees_partagees / chemin)
    assert lot.format == format_attendu
    assert lot.lignes > 0


def test_valeurs_de_controle(donnees_partagees):
    d = donnees_partagees
    # Morlaix dans l'extrait 2019 (espace insécable entre les milliers) et dans le CSV 2020 (code
    # à 3 chiffres).
    for nom, annee, attendu in [
        ("ensemble_pop_legales_2019_Communes_extrait.csv", 2019, 14845),
        ("donnees_communes_pop_legale_2020.csv", 2020, 14709),
        ("donnees_communes_pop_legale_2023.csv", 2023, 15194),
    ]:
        pop = formats.lire(d / "populations_legales" / nom).tables["population_legale"]
        ligne = pop[pop.code_commune == "29151"].iloc[0]
        assert (ligne["annee"], ligne["population_municipale"]) == (annee, attendu)
    # Communes d'outre-mer : département 971 + commune 101 -> 97101.
    pop = formats.lire(d / "populations_legales" / "donnees_communes_pop_legale_2020.csv")
    assert "97101" in set(pop.tables["population_legale"]["code_commune"])
    # Finistère 2021 (provisoire), deux sexes : 0-4 41 046, 5-9 (signe de répétition) 49 109.
    est = formats.lire(d / "population_departement" / "estim-pop-dep-sexe-aq-1975-2021.xlsx")
    df = est.tables["population_departement"]
    fin = df[(df.code_dep == "29") & (df.annee == 2021) & (df.sexe == 0)].set_index("age_min")
    assert fin.loc[0, "population"] == 41046 and fin.loc[5, "population"] == 49109
    assert bool(fin.loc[0, "provisoire"]) and not df[df.annee == 2018]["provisoire"].any()
    # Les départements d'outre-mer des anciennes feuilles s'arrêtent à « 90 ans et plus ».
    reunion = df[(df.code_dep == "974") & (df.annee == 1998) & (df.sexe == 0)]
    assert reunion["age_min"].max() == 90 and reunion["age_max"].isna().sum() == 1


@pytest.mark.filterwarnings("ignore:File contains an invalid specification")
def test_strict_open_xml_et_xls(donnees_partagees):
    d = donnees_partagees / "mortality_fertility_projections"
    import openpyxl

    assert openpyxl.load_workbook(d / "fe_dod_quotients_mortalite.xlsx").sheetnames == []
    q = formats.lire(d / "fe_dod_quotients_mortalite.xlsx").tables["parametre_national"]
    femmes_0 = q[(q.sexe == 2) & (q.age == 0) & (q.annee == 1994)]["valeur"].iloc[0]
    assert femmes_0 == 426  # pour 100 000
    assert set(q["champ"]) == {"France"}
    xls = formats.lire(d / "irsocprojpop1370_FECcentESPcentMIGcent.xls")
    fec = xls.tables["parametre_national"]
    assert (
        fec[(fec.indicateur == "taux_fecondite_projete") & (fec.annee == 2013) & (fec.age == 15)][
            "valeur"
        ].iloc[0]
        == 8
    )
