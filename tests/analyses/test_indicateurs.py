"""Les indicateurs tirés des vues (issue 8) : une vue de la forme code_commune, annee, valeur
[, scenario] est listée avec son en-tête pour titre, unité et source, et ses valeurs viennent par
commune d'un périmètre."""

from __future__ import annotations

import shutil

import pytest

from vigie import chemins
from vigie.analyses import indicateurs
from vigie.stockage import lecture

ENTETE = (
    "-- titre: {titre}\n-- description: d\n-- grain: une ligne par commune et année\n"
    "-- unite: {unite}\n-- source: {source}\n"
)


@pytest.mark.parametrize(
    ("colonnes", "attendu"),
    [
        ({"code_commune": "VARCHAR", "annee": "SMALLINT", "valeur": "DOUBLE"}, True),
        ({"valeur": "DECIMAL(18,3)", "annee": "INTEGER", "code_commune": "VARCHAR"}, True),
        (
            {
                "code_commune": "VARCHAR",
                "annee": "BIGINT",
                "valeur": "BIGINT",
                "scenario": "VARCHAR",
            },
            True,
        ),
        ({"code_commune": "VARCHAR", "annee": "SMALLINT"}, False),
        (
            {"code_commune": "VARCHAR", "annee": "SMALLINT", "valeur": "DOUBLE", "autre": "INT"},
            False,
        ),
        ({"code_commune": "INTEGER", "annee": "SMALLINT", "valeur": "DOUBLE"}, False),
        ({"code_commune": "VARCHAR", "annee": "DATE", "valeur": "DOUBLE"}, False),
        ({"code_commune": "VARCHAR", "annee": "SMALLINT", "valeur": "VARCHAR"}, False),
        (
            {"code_commune": "VARCHAR", "annee": "SMALLINT", "valeur": "DOUBLE", "scenario": "INT"},
            False,
        ),
    ],
)
def test_forme_d_un_indicateur(colonnes, attendu):
    assert indicateurs.est_indicateur(colonnes) is attendu


@pytest.fixture
def catalogue(base_demo, tmp_path):
    dossier = tmp_path / "vues"
    shutil.copytree(chemins.DOSSIER_VUES, dossier, ignore=shutil.ignore_patterns("*.txt"))
    (dossier / "mart_densite.sql").write_text(
        ENTETE.format(titre="Densité", unite="habitants par km²", source="INSEE, IGN")
        + "create or replace view mart_densite as\n"
        + "select commune.code_commune, 2021 as annee,\n"
        + "    sum(population) / any_value(superficie_km2) as valeur\n"
        + "from population inner join commune using (code_commune)\n"
        + "where annee = 2021 group by all\n",
        encoding="utf-8",
    )
    (dossier / "mart_pas_indicateur.sql").write_text(
        ENTETE.format(titre="Pas un", unite="u", source="s")
        + "create or replace view mart_pas_indicateur as select code_commune, nom_commune "
        + "from commune\n",
        encoding="utf-8",
    )
    catalogue = lecture.Catalogue(chemin=base_demo, dossier_vues=dossier)
    yield catalogue
    catalogue.con.close()


def test_lister_depuis_le_catalogue_vivant(catalogue):
    liste = {i.nom: i for i in indicateurs.lister_catalogue(catalogue)}
    assert {"mart_part_75_ans_plus", "mart_part_75_ans_plus_projetee", "mart_densite"} <= set(liste)
    assert "mart_pas_indicateur" not in liste and "mart_indicateurs_cles" not in liste
    densite = liste["mart_densite"]
    assert (densite.titre, densite.unite, densite.source) == (
        "Densité",
        "habitants par km²",
        "INSEE, IGN",
    )
    assert densite.ligne_source == "Source : INSEE, IGN"
    assert liste["mart_part_75_ans_plus_projetee"].par_scenario
    assert not liste["mart_part_75_ans_plus"].par_scenario


def test_donnees_pour_un_perimetre(catalogue):
    liste = indicateurs.lister_catalogue(catalogue)
    curseur = catalogue.curseur()
    epci = indicateurs.donnees(
        curseur, "mart_part_75_ans_plus", "epci", "000000001", indicateurs=liste
    )
    communes = curseur.execute(
        "select count(*) from commune where code_epci = '000000001'"
    ).fetchone()[0]
    assert list(epci.columns) == ["code_commune", "nom_commune", "annee", "valeur"]
    assert epci["code_commune"].nunique() == communes
    assert epci["valeur"].between(0, 100).all()
    # La valeur est recalculée à la main pour une commune et une année.
    attendu = curseur.execute(
        "select 100 * sum(population) filter (where age >= 75) / sum(population) "
        "from population where code_commune = '00001' and annee = 2021"
    ).fetchone()[0]
    ligne = epci[(epci["code_commune"] == "00001") & (epci["annee"] == 2021)]
    assert ligne["valeur"].iloc[0] == pytest.approx(attendu, abs=0.05)

    projetee = indicateurs.donnees(
        curseur, "mart_part_75_ans_plus_projetee", "commune", "00001", "central", indicateurs=liste
    )
    assert list(projetee.columns)[0] == "scenario"
    assert set(projetee["scenario"]) == {"central"} and projetee["annee"].min() > 2021
    toutes = indicateurs.donnees(
        curseur, "mart_part_75_ans_plus_projetee", "commune", "00001", indicateurs=liste
    )
    assert toutes["scenario"].nunique() > 1
    curseur.close()


def test_nom_hors_liste_refuse(catalogue):
    liste = indicateurs.lister_catalogue(catalogue)
    curseur = catalogue.curseur()
    with pytest.raises(KeyError, match="n'est pas un indicateur"):
        indicateurs.donnees(curseur, "commune", "epci", "000000001", indicateurs=liste)
    with pytest.raises(KeyError):
        indicateurs.donnees(curseur, "mart_part_75_ans_plus'; drop", "epci", "x", indicateurs=liste)
    curseur.close()
