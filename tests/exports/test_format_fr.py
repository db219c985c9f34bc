"""La mise en forme française et la règle d'arrondi unique (issue 18) : séparateurs de CLDR
(babel), moitiés arrondies loin de zéro, trois chiffres significatifs pour un chiffre projeté,
fourchette dont chaque borne suit la même règle."""

from __future__ import annotations

import math

import pytest

from vigie import format_fr as f

FINE = "\u202f"


@pytest.mark.parametrize(
    ("valeur", "decimales", "attendu"),
    [
        (12345.6, 0, f"12{FINE}346"),
        (1234567, 0, f"1{FINE}234{FINE}567"),
        (2.345, 2, "2,35"),  # la moitié écrite monte (2.345 en binaire vaut 2.34499…)
        (2.5, 0, "3"),  # arrondi scolaire, pas l'arrondi bancaire de Python
        (-1234.5, 0, f"\u22121{FINE}235"),
        (0.0, 1, "0,0"),
        (None, 0, "–"),
        (math.nan, 0, "–"),
    ],
)
def test_nombre(valeur, decimales, attendu):
    assert f.nombre(valeur, decimales) == attendu


@pytest.mark.parametrize(
    ("valeur", "attendu"),
    [(126437, 126000), (15234, 15200), (1234, 1230), (87.4, 87), (119.5, 120), (999.6, 1000),
     (11860, 11900), (55288, 55300), (-4567, -4570), (0, 0)],
)  # fmt: skip
def test_arrondi_trois_chiffres_significatifs(valeur, attendu):
    assert f.arrondi(valeur) == attendu


def test_arrondi_garde_nan():
    assert math.isnan(f.arrondi(math.nan))


def test_fourchette_arrondie_et_etiquetee():
    # Issue 18 : « 9 282 à 15 042 » à côté de « 9 280 et 15 000 » sur une même fiche ; une seule
    # règle désormais.
    assert f.fourchette(9282, 11860, 15042, "places") == (
        f"entre 9{FINE}280 et 15{FINE}000 places, 11{FINE}900 le plus probable"
    )
    assert "(fourchette à 80\u00a0%)" in f.fourchette(1, 2, 3, etiquette=True)


def test_pourcentage_et_ecart_signes():
    assert f.pourcentage(0.034) == "3,4\u00a0%"
    assert f.pourcentage(-0.0004, 0, signe=True) == "+0\u00a0%"  # jamais « −0 % »
    assert f.pourcentage(-0.08, 0, signe=True) == "\u22128\u00a0%"
    assert f.ecart(-6.2, unite="places") == "\u22126 places"  # un écart porte son unité
    assert f.ecart(3.7, 1) == "+3,7"


def test_projete():
    assert f.projete(119138.2, "habitants") == f"environ 119{FINE}000 habitants"


def test_ecriture_en_memoire_identique():
    """Issue 18 : l'écriture gardée en mémoire rend la même chose au second appel, signe compris."""
    from vigie.format_fr import nombre

    assert nombre(-12345.6) == nombre(-12345.6) == "\u221212\u202f346"
    assert nombre(0.125, 2) == "0,13" and nombre(2.5) == "3"
