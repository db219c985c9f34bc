"""Recensement par sexe et âge dans les dispositions publiées par l'INSEE (issue 14, point 1) :
TD_POP1B en colonnes (SEXE1_AGED100000 …), base-ic-evol-struct-pop (IRIS additionnés par commune),
reconnus par leur contenu ; fichiers hors des communes connues signalés avec leur nombre."""

from __future__ import annotations

import pytest

from tests.alimentation.conftest import GEOGRAPHIE
from tests.conftest import lire
from vigie.alimentation import importation
from vigie.alimentation.importation import formats


def test_td_pop1b_en_colonnes(fixture):
    lot = formats.lire(fixture("TD_POP1B_2021.csv"), garder=False)
    assert lot.format == "rp_age_detaille_large"
    df = lot.tables["population"]
    # L'arrondissement de Paris est laissé (déjà dans sa commune) ; 2 communes × 2 sexes × 101.
    assert sorted(df["code_commune"].unique()) == ["29199", "29259"]
    assert len(df) == 2 * 2 * 101
    assert set(df["annee"]) == {2021}
    ligne = df[(df["code_commune"] == "29199") & (df["sexe"] == 2) & (df["age"] == 10)]
    assert ligne["population"].iloc[0] == pytest.approx((60 - 5 + 2) * 0.5)
    # Secret statistique (case vide) : zéro.
    secret = df[(df["code_commune"] == "29259") & (df["sexe"] == 1) & (df["age"] == 100)]
    assert secret["population"].iloc[0] == 0


def test_td_pop1b_en_colonnes_incomplet(fixture, tmp_path):
    texte = fixture("TD_POP1B_2021.csv").read_text(encoding="utf-8").splitlines()
    coupe = [";".join(ligne.split(";")[:-1]) for ligne in texte]  # SEXE2_AGED100100 retirée
    chemin = tmp_path / "TD_POP1B_2021.csv"
    chemin.write_text("\n".join(coupe) + "\n", encoding="utf-8")
    with pytest.raises(importation.ErreurImport, match="SEXE2_AGED100100"):
        formats.lire(chemin, garder=False)


def test_evol_struct_iris_additionnes(fixture):
    lot = formats.lire(fixture("base-ic-evol-struct-pop-2021.csv"), garder=False)
    assert lot.format == "rp_evol_struct"
    df = lot.tables["population"]
    assert sorted(df["code_commune"].unique()) == ["29151", "29199"]
    totaux = df.groupby(["code_commune", "sexe"])["population"].sum()
    # Morlaix : deux IRIS additionnés (hommes 4 250 + 4 870).
    assert totaux.loc[("29151", 1)] == pytest.approx(4250 + 4870)
    assert totaux.loc[("29151", 2)] == pytest.approx((4250 + 4870) * 1.04, rel=1e-4)
    # Groupe 75 ans et plus conservé par l'éclatement en âges détaillés.
    vieux = df[(df["code_commune"] == "29199") & (df["sexe"] == 1) & (df["age"] >= 75)]
    assert vieux["population"].sum() == pytest.approx(300)
    assert "IRIS additionnées" in lot.remarques[0]


def test_recensements_importes_et_hors_communes_connues(base_copie, avec_geographie):
    rapport = importation.importer(
        avec_geographie("TD_POP1B_2021.csv", "base-ic-evol-struct-pop-2021.csv")
    )
    assert {f.statut for f in rapport.fichiers} == {"importé"}
    assert lire(
        base_copie,
        "select count(distinct code_commune) from population where annee = 2021 "
        "and code_commune like '29%'",
    ) == [(3,)]


def test_fichier_hors_des_communes_connues(base_copie, fixture, tmp_path):
    importation.importer([fixture(n) for n in GEOGRAPHIE])
    texte = fixture("TD_POP1B_2021.csv").read_text(encoding="utf-8")
    chemin = tmp_path / "TD_POP1B_2021.csv"
    chemin.write_text(
        texte.replace("29199;Plouigneau", "56001;Allaire").replace(
            "29259;Saint-Pol", "56002;Ambon"
        ),
        encoding="utf-8",
    )
    with pytest.raises(importation.ErreurImport) as erreur:
        importation.importer([chemin])
    message = erreur.value.message
    assert "2 codes inconnus en tout, 2 ligne(s) du fichier sur 2 hors des communes" in message
