"""Les barres des parts de Comparer sur un Pays réel : les repères (département, région, France)
n'ont ni projection ni, souvent, de part des moins de 3 ans, et leur part des 75 ans ou plus est
celle de la dernière année estimée par l'INSEE. La figure le dit au lieu de le taire : une ligne
« pas de chiffre », l'année de la part à côté d'elle, et un titre qui ne proclame pas « la plus
forte » face à des périmètres sans chiffre."""

from __future__ import annotations

import pandas as pd

from vigie.figures import carte

NBSP = "\u00a0"


def _reperes() -> pd.DataFrame:
    lignes = [
        ("Pays de Morlaix (territoire)", "territoire", 2023, 0.025, 0.113, 2023, False),
        ("Pays de Morlaix (territoire)", "territoire", 2050, 0.023, 0.199, None, True),
        ("Finistère (département)", "departement", 2023, None, 0.110, 2021, False),
        ("Finistère (département)", "departement", 2050, None, None, None, True),
        ("France", "france", 2023, None, 0.095, 2021, False),
        ("France", "france", 2050, None, None, None, True),
    ]
    colonnes = ["libelle", "niveau", "annee", "part_0_2", "part_75_plus"]
    return pd.DataFrame(lignes, columns=[*colonnes, "annee_part_75_plus", "projete"])


def _figure(colonne: str, titre: str):
    return carte.figure_comparaison_parts(_reperes(), colonne, titre, [2023, 2050], "Source : t")


def test_barres_horizontales_perimetre_choisi_en_haut():
    fig = _figure("part_75_plus", "Part des 75 ans ou plus")
    assert {t.orientation for t in fig.data} == {"h"}
    assert fig.layout.yaxis.autorange == "reversed"
    assert list(fig.data[0].y)[0] == "Pays de Morlaix<br>(territoire)"


def test_part_d_une_annee_plus_ancienne_dite():
    fig = _figure("part_75_plus", "Part des 75 ans ou plus")
    observees = list(fig.data[0].text)
    assert observees == [f"11,3{NBSP}%", f"11,0{NBSP}% (2021)", f"9,5{NBSP}% (2021)"]
    assert fig.data[0].constraintext == "none"  # lisibles, pas rétrécies à la barre


def test_titre_sans_la_plus_forte_face_a_des_perimetres_sans_projection():
    titre = _figure("part_75_plus", "Part des 75 ans ou plus").layout.title.text
    assert "la plus forte" not in titre
    assert titre.replace("<br>", " ") == (
        f"Part des 75 ans ou plus en 2050 : 19,9{NBSP}% pour Pays de Morlaix (territoire)"
    )
    plusieurs = _reperes()
    plusieurs.loc[3, "part_75_plus"] = 0.21
    fig = carte.figure_comparaison_parts(plusieurs, "part_75_plus", "Part", [2023, 2050], "s")
    assert fig.layout.title.text.replace("<br>", " ") == (
        f"Part en 2050 : la plus forte pour Finistère (département) (21,0{NBSP}%)"
    )


def test_perimetre_sans_aucun_chiffre_le_dit_sur_sa_ligne():
    fig = _figure("part_0_2", "Part des moins de 3 ans")
    sans = [a.y for a in fig.layout.annotations if a.text == "pas de chiffre dans la base"]
    assert sans == ["Finistère<br>(département)", "France"]
    assert not [
        a
        for a in _figure("part_75_plus", "Part").layout.annotations
        if a.text == "pas de chiffre dans la base"
    ]
