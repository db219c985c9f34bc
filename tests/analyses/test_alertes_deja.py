"""Issue 18, item 3 : un déficit dès la première année projetée existe aujourd'hui ; la phrase le
dit (« déjà insuffisants aujourd'hui », « il en manque déjà N ») au lieu d'annoncer un événement futur."""

import pandas as pd

from vigie.analyses import services
from vigie.format_fr import nombre


def _ligne(**autres):
    ligne = {
        "service": "ehpad",
        "scenario": "central",
        "horizon": 2050,
        "annee_debut": 2021,
        "unite": "lits",
        "unite_capacite": "lits",
        "comparabilite": services.COMPARABLE,
        "premiere_annee": 2021,
        "premiere_annee_haut_80": 2021,
        "fin_deficit": pd.NA,
        "demande": 2078.0,
        "capacite": 1000.0,
        "bas_80": 1900.0,
        "haut_80": 2200.0,
    }
    ligne.update(autres)
    return ligne


def test_deficit_des_la_premiere_annee_dit_deja():
    a = services.alerte(_ligne(), manque_debut=120.0)
    assert a.gravite == services.DEFICIT
    assert "première année projetée" not in a.texte
    assert "dès 2021" not in a.texte
    assert "lits déjà insuffisants aujourd'hui" in a.texte
    assert "il en manque déjà 120 lits en 2021" in a.texte
    assert f"il manquerait {nombre(1078)} lits en 2050" in a.texte


def test_deficit_des_la_premiere_annee_qui_se_referme():
    a = services.alerte(_ligne(fin_deficit=2027, capacite=2100.0), manque_debut=6.0)
    assert (
        "lits déjà insuffisants aujourd'hui (il en manque déjà 6 lits en 2021) et jusqu'en 2026"
        in a.texte
    )
    assert "puis capacité suffisante jusqu'en 2050" in a.texte


def test_deficit_futur_reste_au_futur():
    a = services.alerte(_ligne(premiere_annee=2030, premiere_annee_haut_80=2027))
    assert "lits insuffisants dès 2030" in a.texte
    assert "déjà" not in a.texte


def test_deficit_des_la_premiere_annee_sans_le_chiffre_garde_l_annee():
    a = services.alerte(_ligne())
    assert "lits déjà insuffisants aujourd'hui (en 2021, première année projetée)" in a.texte
