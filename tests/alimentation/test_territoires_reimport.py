"""Issue 14, point 8 : chaque import sur une base réelle disait « le code VITRE-COMMUNAUTE est déjà
pris, non appliqué » — l'import incrémental garde la couche importée, territoires compris, et les
réécrivait par-dessus. Le même territoire est réécrit en silence ; il suit la nouvelle géographie."""

from __future__ import annotations

from tests.alimentation.conftest import GEOGRAPHIE
from tests.conftest import lire
from vigie.alimentation import importation
from vigie.reglages import territoires


def _remarques(rapport) -> list[str]:
    return [r for f in rapport.fichiers for r in f.remarques]


def test_import_apres_un_territoire_sans_code_deja_pris(base_copie, fixture):
    importation.importer(
        [fixture(n) for n in GEOGRAPHIE] + [fixture("ensemble_pop_legales_2022.xlsx")]
    )
    t = territoires.enregistrer("Mon pôle", epcis=["000000002"])
    communes = lire(
        base_copie,
        "select count(*) from territoire_commune where code_territoire = ?",
        t.code,
    )
    assert communes != [(0,)]
    rapport = importation.importer([fixture("DS_ETAT_CIVIL_NAIS_COMMUNES_data.csv")])
    assert not [r for r in _remarques(rapport) if "déjà pris" in r], _remarques(rapport)
    # Toujours là, une seule fois, avec les mêmes communes.
    assert lire(
        base_copie, "select count(*) from territoire where code_territoire = ?", t.code
    ) == [(1,)]
    assert (
        lire(
            base_copie,
            "select count(*) from territoire_commune where code_territoire = ?",
            t.code,
        )
        == communes
    )


def test_code_pris_par_un_autre_territoire_encore_signale(base_copie, fixture, monkeypatch):
    """Un code de l'utilisateur que porte un territoire livré (la démonstration) reste refusé."""
    from vigie.alimentation import territoires_appliques
    from vigie.stockage import base as bd

    monkeypatch.setattr(
        territoires_appliques,
        "definitions",
        lambda chemin=None: [
            {"code": "PAYSDEMO", "nom": "Doublon", "type": "pays", "epcis": [], "communes": []}
        ],
    )
    con = bd.ouvrir(base_copie)
    try:
        remarques = territoires_appliques.appliquer(con)
    finally:
        con.close()
    assert any("déjà pris" in r for r in remarques)
