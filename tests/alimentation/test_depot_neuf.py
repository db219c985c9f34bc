"""Issue 14, point 1 : depuis un dépôt neuf (aucune base), `python -m vigie import DOSSIER`
finissait sur une trace Python (« BaseIntrouvable »). Il construit d'abord la base livrée, sans
projections, puis importe ; `territoire` sans base le dit en une phrase, sans trace."""

from __future__ import annotations

import shutil

from tests.alimentation.conftest import GEOGRAPHIE
from tests.conftest import lire, pointer_sur
from vigie import cli


def test_import_d_un_dossier_sans_base(tmp_path, fixture, monkeypatch, capsys):
    base = pointer_sur(monkeypatch, tmp_path / "neuve" / "vigie.duckdb", tmp_path)
    dossier = tmp_path / "donnees"
    dossier.mkdir()
    for nom in [*GEOGRAPHIE, "ensemble_pop_legales_2022.xlsx"]:
        shutil.copy(fixture(nom), dossier)
    assert not base.exists()
    assert cli.principal(["import", str(dossier)]) == 0
    sortie = capsys.readouterr()
    assert "Pas encore de base" in sortie.out and "Traceback" not in sortie.err
    assert base.exists()
    assert lire(base, "select count(*) from population_legale where annee = 2022") != [(0,)]
    # La démonstration livrée est là aussi, sans ses projections (la construction les fera).
    assert lire(base, "select count(*) from territoire where code_territoire = 'PAYSDEMO'") == [
        (1,)
    ]
    assert lire(base, "select count(*) from projection_population") == [(0,)]


def test_territoire_sans_base_sans_trace(tmp_path, monkeypatch, capsys):
    pointer_sur(monkeypatch, tmp_path / "neuve" / "vigie.duckdb", tmp_path)
    code = cli.principal(["territoire", "--nom", "Pays de Morlaix", "--epci", "242900835"])
    sortie = capsys.readouterr()
    assert code == 1
    assert "n'existe pas encore" in sortie.err and "python -m vigie" in sortie.err
    assert "Traceback" not in sortie.err
