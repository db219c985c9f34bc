"""Rien de ce qui vient des données n'est rendu comme du code (issue 17) : Markdown et HTML des
noms de fichiers et des en-têtes échappés dans les messages, formules neutralisées dans les CSV."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from vigie.exports.tableaux import en_csv, en_xlsx, neutraliser_formule
from vigie.interface.composants import texte_brut

PIEGES = [
    "![p](http://127.0.0.1:9/x.png)",
    "<img src=x onerror=alert(1)>",
    "[lien](javascript:alert(1))",
    "**gras** _penché_ `code` # titre",
    ":material/warning: :red[rouge]",
    "$x^2$ | a | b |",
    "http://127.0.0.1:9/suivi",
]


@pytest.mark.parametrize("piege", PIEGES)
def test_texte_brut_n_a_plus_aucun_signe_actif(piege):
    echappe = texte_brut(piege)
    # Retirer chaque signe échappé (\x) : il ne doit rester aucun signe de Markdown ni de HTML.
    reste = re.sub(r"\\.", "", echappe)
    assert not re.search(r"[`*_\[\]()#<>!|:$~]", reste), echappe
    # Le texte lu reste le même une fois les barres obliques retirées.
    assert re.sub(r"\\(.)", r"\1", echappe) == piege


def test_csv_neutralise_les_formules_et_garde_les_nombres():
    donnees = pd.DataFrame(
        {"=SOMME(A1)": ["=cmd|' /C calc'!A0", "+1", "@x", "-2+3", "Morlaix"], "n": [1, -2, 3, 4, 5]}
    )
    texte = en_csv(donnees).decode("utf-8-sig")
    lignes = texte.splitlines()
    assert lignes[0].startswith("'=SOMME(A1)")
    for ligne in lignes[1:5]:
        assert ligne.startswith("'"), ligne
    assert lignes[5] == "Morlaix;5"
    assert lignes[2].endswith(";-2")  # un nombre négatif reste un nombre


def test_xlsx_neutralise_aussi():
    from io import BytesIO

    from openpyxl import load_workbook

    contenu = en_xlsx(pd.DataFrame({"a": ["=1+1"]}), "Titre", "Source")
    feuille = load_workbook(BytesIO(contenu)).active
    valeurs = [c.value for ligne in feuille.iter_rows() for c in ligne if c.value]
    assert "'=1+1" in valeurs
    assert neutraliser_formule("-") == "-"  # un tiret seul n'est pas une formule
