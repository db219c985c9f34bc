"""Une reconstruction (`python -m vigie build`) garde ce que l'utilisateur a importé et les
territoires qu'il a définis : les deux vivent à part de la base construite et sont rejoués après
les fichiers de démonstration. (La construction sans rejeu est celle de la fixture `base_demo`.)"""

from __future__ import annotations

import duckdb

from vigie.alimentation import construction, importation
from vigie.reglages import territoires


def test_reconstruire_garde_les_imports_et_les_territoires(base_copie, avec_geographie):
    importation.importer(avec_geographie("ensemble_pop_legales_2022.xlsx"))
    t = territoires.enregistrer("Pays essai", epcis=["242900835", "242900751"])
    # VIGIE_BASE pointe sur la copie du test ; sans projections (une seconde au lieu de trente) :
    # c'est le rejeu des imports et des territoires qui compte ici.
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
        )  # la démonstration est toujours là
        assert (
            con.execute("select count(*) from source where origine = 'import'").fetchone()[0] == 5
        )  # 4 fichiers + les territoires de l'utilisateur
    finally:
        con.close()
