"""Les exports de tableaux de la page Données : CSV pour tableurs français, XLSX avec sa provenance."""

from __future__ import annotations

import io

import pandas as pd
from openpyxl import load_workbook

from vigie.exports import tableaux as exports_tableaux


def _tableau() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "code_commune": ["00001", "00002", None],
            "annee": pd.array([2021, 2021, None], dtype="Int16"),
            "valeur": [12.5, 3.25, float("nan")],
            "texte": ["=1+1", "a\x01b", "Plœmeur"],
            "quand": pd.to_datetime(["2024-01-01", "2024-02-01", None]).tz_localize("UTC"),
        }
    )


def test_csv_point_virgule_virgule_decimale_bom():
    contenu = exports_tableaux.en_csv(_tableau())
    assert contenu.startswith("\ufeff".encode())
    texte = contenu.decode("utf-8-sig")
    assert texte.splitlines()[0] == "code_commune;annee;valeur;texte;quand"
    assert "00001;2021;12,5;" in texte and "Plœmeur" in texte
    relu = pd.read_csv(io.BytesIO(contenu), sep=";", decimal=",", dtype={"code_commune": str})
    assert relu["valeur"].iloc[1] == 3.25 and relu["code_commune"].iloc[0] == "00001"


def test_xlsx_provenance_puis_donnees():
    contenu = exports_tableaux.en_xlsx(
        _tableau(),
        "Part des 75 ans ou plus",
        "Source : INSEE",
        ["Territoire : Pays"],
        "desc",
        "select 1",
    )
    classeur = load_workbook(io.BytesIO(contenu))
    feuille = classeur["Données"]
    lignes = list(feuille.iter_rows(values_only=True))
    assert lignes[0][0] == "Part des 75 ans ou plus"
    assert lignes[1][0] == "Source : INSEE"
    assert lignes[2][0] == "Territoire : Pays"
    entete = lignes.index(("code_commune", "annee", "valeur", "texte", "quand"))
    assert lignes[entete + 1][:3] == ("00001", 2021, 12.5)
    assert lignes[entete + 1][3] == "'=1+1"  # never a formula
    assert lignes[entete + 2][3] == "ab"  # control character removed
    assert lignes[entete + 3][:3] == (None, None, None)
    assert feuille.freeze_panes == f"A{entete + 2}"
    assert feuille.cell(row=entete + 1, column=1).font.bold
    apropos = {r[0]: r[1] for r in classeur["À propos"].iter_rows(values_only=True)}
    assert apropos["Requête SQL"] == "select 1" and apropos["Lignes"] == 3


def test_xlsx_tableau_vide():
    contenu = exports_tableaux.en_xlsx(pd.DataFrame({"a": []}), "Vide", "Source : -")
    assert load_workbook(io.BytesIO(contenu))["Données"]["A1"].value == "Vide"
