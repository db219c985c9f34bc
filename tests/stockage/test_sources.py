"""La seule écriture de la table `source` (issue 13 : elle était répétée dans la construction,
l'importation et les territoires) : identifiants qui se suivent, colonnes facultatives, origine."""

from __future__ import annotations

import pytest

from tests.conftest import enregistrer_source
from vigie.stockage import base


@pytest.fixture
def con():
    con = base.ouvrir(":memory:")
    for nom in base.noms_sql("schema"):
        con.execute(base.texte_sql(nom))
    yield con
    con.close()


def test_identifiants_qui_se_suivent_et_colonnes_remplies(con):
    assert enregistrer_source(con) == 1
    assert enregistrer_source(con, annee_cog=2024, url="https://insee.fr/x", origine="import") == 2
    lignes = con.execute(
        "select id_source, fichier, annee_cog, url, origine from source order by id_source"
    ).fetchall()
    assert lignes == [
        (1, "base-pop-2021.csv", None, None, "livraison"),
        (2, "base-pop-2021.csv", 2024, "https://insee.fr/x", "import"),
    ]


def test_identifiant_apres_le_plus_grand_et_url_vide_absente(con):
    con.execute(
        "insert into source (id_source, fichier, editeur, titre, millesime, licence, sha256) "
        "values (41, 'f', 'e', 't', 'm', 'l', 's')"
    )
    assert enregistrer_source(con, url="") == 42
    assert con.execute("select url from source where id_source = 42").fetchone() == (None,)


def test_origine_inconnue_refusee(con):
    with pytest.raises(ValueError, match="origine « utilisateur » inconnue"):
        enregistrer_source(con, origine="utilisateur")
    assert con.execute("select count(*) from source").fetchone() == (0,)
