"""Every view of sql/views: header present, one CREATE VIEW of its file's name, compiles; and the
dbt-style tests of the marts the pages read (grain unique, keys not null, codes allowed)."""

from __future__ import annotations

import duckdb
import pytest

from vigie import chemins
from vigie.stockage import lecture, vues

VUES = vues.lister_vues()

# Grain of each mart the app reads: these columns identify a row.
GRAINS = {
    "int_commune__perimetres": ["niveau", "code_perimetre", "code_commune"],
    "mart_population_perimetre": ["niveau", "code_perimetre", "annee", "sexe", "age"],
    "mart_population_groupe_age": ["niveau", "code_perimetre", "annee", "groupe_age"],
    "mart_naissances_deces": ["niveau", "code_perimetre", "annee"],
    "mart_indicateurs_cles": ["niveau", "code_perimetre", "annee"],
    "mart_equipements": ["niveau", "code_perimetre", "id_equipement"],
    "mart_projection_groupe_age": ["niveau", "code_perimetre", "scenario", "annee", "groupe_age"],
}


@pytest.fixture(scope="module")
def catalogue(base_demo):
    con = lecture.ouvrir_catalogue(base_demo)
    creees, erreurs = vues.appliquer_vues(con)
    assert not erreurs, [str(e) for e in erreurs]
    yield con
    con.close()


@pytest.mark.parametrize("vue", VUES, ids=[v.nom for v in VUES])
def test_entete_et_forme(vue):
    assert vues.verifier_forme(vue) == []
    for cle in vues.CLES_ENTETE:
        assert vue.entete.get(cle), f"{vue.chemin.name} : en-tête sans {cle}"


@pytest.mark.parametrize("vue", VUES, ids=[v.nom for v in VUES])
def test_la_vue_compile_et_repond(catalogue, vue):
    catalogue.execute(f'select * from "{vue.nom}" limit 1').fetchall()


@pytest.mark.parametrize("nom,grain", GRAINS.items(), ids=list(GRAINS))
def test_grain_unique_et_cles_non_nulles(catalogue, nom, grain):
    cles = ", ".join(grain)
    doublons = catalogue.execute(
        f"select {cles}, count(*) from {nom} group by all having count(*) > 1 limit 5"
    ).fetchall()
    assert doublons == [], f"{nom} : grain non unique {doublons}"
    nuls = " or ".join(f"{c} is null" for c in grain)
    assert catalogue.execute(f"select count(*) from {nom} where {nuls}").fetchone()[0] == 0


def test_niveaux_autorises(catalogue):
    niveaux = {
        n
        for (n,) in catalogue.execute(
            "select distinct niveau from int_commune__perimetres"
        ).fetchall()
    }
    assert niveaux <= {"commune", "epci", "departement", "territoire"}


def test_indicateurs_cles_donnes_vs_lignes(catalogue):
    """Given rows → expected rows: the Pays total equals the sum of its communes' rows."""
    attendu = catalogue.execute(
        "select sum(population) from population where annee = 2021"
    ).fetchone()[0]
    obtenu = catalogue.execute(
        "select population from mart_indicateurs_cles "
        "where niveau = 'territoire' and code_perimetre = 'PAYSDEMO' and annee = 2021"
    ).fetchone()[0]
    assert obtenu == pytest.approx(attendu)
    part = catalogue.execute(
        "select part_75_plus from mart_indicateurs_cles "
        "where niveau = 'commune' and code_perimetre = '00001' and annee = 2021"
    ).fetchone()[0]
    plus_75, total = catalogue.execute(
        "select sum(population) filter (where age >= 75), sum(population) from population "
        "where code_commune = '00001' and annee = 2021"
    ).fetchone()
    assert part == pytest.approx(plus_75 / total)


def test_vue_en_erreur_nomme_fichier_et_ligne(base_demo, tmp_path):
    (tmp_path / "mart_casse.sql").write_text(
        "-- titre: t\n-- description: d\n-- grain: g\n-- unite: u\n-- source: s\n"
        "create or replace view mart_casse as\nselect *\nfrom table_inexistante\n",
        encoding="utf-8",
    )
    (tmp_path / "mart_sans_entete.sql").write_text(
        "create or replace view mart_sans_entete as select 1 as a\n", encoding="utf-8"
    )
    con = duckdb.connect()
    _, erreurs = vues.appliquer_vues(con, tmp_path)
    messages = {e.chemin.name: e for e in erreurs}
    assert messages["mart_casse.sql"].ligne == 8
    assert "en-tête incomplet" in messages["mart_sans_entete.sql"].message
    assert chemins.DOSSIER_VUES != tmp_path
