"""Jeux de données de test : territoire synthétique seedé (format du contrat d'entrée)."""

import pytest

from models.projection import DonneesProjection, charger_reference, estimer_modele
from models.projection.synthetique import territoire_synthetique


@pytest.fixture(scope="session")
def reference():
    return charger_reference()


@pytest.fixture(scope="session")
def donnees(reference):
    return DonneesProjection(
        **territoire_synthetique(
            24, annees=(2011, 2021), taille_epci=8, graine=3, reference=reference
        )
    )


@pytest.fixture(scope="session")
def modele(donnees, reference):
    return estimer_modele(donnees, reference)
