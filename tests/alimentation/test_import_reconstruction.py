"""A rebuild (`python -m vigie build`) keeps what the user imported and the territories they
defined: both live apart from the built database and are replayed after the demo files.
(The build without replay is the one of the `base_demo` fixture.)"""

from __future__ import annotations

import duckdb

from vigie.alimentation import construction, importation
from vigie.reglages import territoires


def test_reconstruire_garde_les_imports_et_les_territoires(base_copie, avec_geographie):
    importation.importer(avec_geographie("ensemble_pop_legales_2022.xlsx"))
    t = territoires.enregistrer("Pays essai", epcis=["242900835", "242900751"])
    # VIGIE_BASE points at the test's copy; without projections (one second instead of thirty):
    # the replay of the imports and territories is the point.
    rapport = construction.construire(projeter=False)
    assert rapport.chemin == base_copie
    con = duckdb.connect(str(base_copie), read_only=True)
    try:
        assert (
            con.execute(
                "select count(*) from territoire_commune where code_territoire = ?", [t.code]
            ).fetchone()[0]
            == 3
        )
        assert con.execute("select count(*) from population_legale").fetchone()[0] == 4
        assert (
            con.execute(
                "select count(*) from territoire_commune where code_territoire = 'PAYSDEMO'"
            ).fetchone()[0]
            == 59
        )  # the demo is still there
        assert (
            con.execute("select count(*) from source where origine = 'import'").fetchone()[0] == 5
        )  # 4 files + the user's territories
    finally:
        con.close()
