"""Échelle (issue 10) : les exécuteurs (local, processus, Dask) font tourner les mêmes lots avec
les mêmes résultats ; la projection par blocs garde les EPCI entiers ; la France synthétique est
déterministe et se construit par la construction ordinaire."""

from __future__ import annotations

import hashlib

import numpy as np
import pandas as pd
import pytest

from models import execution
from models.projection import DonneesProjection, Scenario
from models.projection.lot import decouper, projeter_par_blocs
from models.projection.synthetique import territoire_synthetique


def carre(x: int) -> int:
    return x * x


@pytest.fixture(scope="module")
def dask_local():
    pytest.importorskip("dask.distributed")
    with execution.executeur("dask", 2) as ex:
        yield ex


def test_executeurs_meme_resultat_dans_l_ordre(dask_local):
    taches = list(range(12))
    attendu = [x * x for x in taches]
    for ex in (execution.ExecuteurLocal(), execution.ExecuteurProcessus(2), dask_local):
        vus = []
        assert (
            ex.appliquer(carre, taches, lambda i, f, t, vus=vus: vus.append((i, f, t))) == attendu
        )
        assert sorted(i for i, _, _ in vus) == taches
        assert [f for _, f, _ in vus] == list(range(1, 13)) and {t for *_, t in vus} == {12}
        if isinstance(ex, execution.ExecuteurProcessus):
            ex.fermer()


def test_mode_inconnu_message_francais():
    with pytest.raises(execution.ErreurExecution, match="Mode d'exécution inconnu"):
        execution.creer("grille")


@pytest.mark.slow
def test_prevision_par_dask_identique_aux_processus(dask_local):
    from models.prevision import prevoir_lot

    rng = np.random.default_rng(3)
    index = pd.date_range("2016-01-01", periods=96, freq="MS")
    series = {
        f"S{i}": pd.Series(
            100 + 10 * np.sin(np.arange(96) * np.pi / 6) + rng.normal(0, 2, 96), index=index
        )  # fmt: skip
        for i in range(3)
    }
    options = dict(candidats=["naive", "naive_saisonniere", "ets_additif"])
    locaux = prevoir_lot(series, 12, n_jobs=1, **options)
    distants = prevoir_lot(series, 12, executeur=dask_local, **options)
    assert list(distants) == list(series)
    for cle in series:
        assert distants[cle].modele == locaux[cle].modele
        pd.testing.assert_frame_equal(distants[cle].prevision, locaux[cle].prevision)


@pytest.mark.slow
def test_projection_par_blocs_garde_les_epci_entiers(dask_local):
    donnees = DonneesProjection(**territoire_synthetique(96, annees=(2016, 2021), taille_epci=12))
    blocs = decouper(donnees, communes_par_bloc=30)
    epci_par_bloc = [set(b.communes["code_epci"]) for b in blocs]
    for i, a in enumerate(epci_par_bloc):
        for b in epci_par_bloc[i + 1 :]:
            assert not a & b  # un EPCI n'est que dans un seul bloc
    assert sum(len(b.communes) for b in blocs) == 96
    scenario = Scenario(horizon=2030)
    local = projeter_par_blocs(donnees, scenario, None, 30, n_tirages=10, graine=5)
    distant = projeter_par_blocs(donnees, scenario, dask_local, 30, n_tirages=10, graine=5)
    assert [r.numero for r in distant] == list(range(len(blocs)))
    for a, b in zip(local, distant, strict=True):
        pd.testing.assert_frame_equal(a.totaux, b.totaux)
        pd.testing.assert_frame_equal(a.intervalles, b.intervalles)
        assert set(a.intervalles["niveau"]) == {"commune", "epci"}
    totaux = pd.concat(r.totaux for r in local)
    assert totaux["code_commune"].nunique() == 96
    assert (totaux["population"] > 0).all()


def _empreintes(dossier):
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(dossier.iterdir())}


@pytest.mark.slow
def test_france_synthetique_deterministe_et_construite(tmp_path):
    from vigie.alimentation import construction
    from vigie.demo import national
    from vigie.stockage import controles

    bilan = national.generer(tmp_path / "a", n_communes=400, taille_epci=20)
    national.generer(tmp_path / "b", n_communes=400, taille_epci=20)
    assert _empreintes(tmp_path / "a") == _empreintes(tmp_path / "b")
    assert bilan["communes"] == 400 and bilan["epci"] == 20 and bilan["series"] > 0
    communes = pd.read_csv(tmp_path / "a" / "communes.csv", sep=";", dtype=str)
    assert communes["code_commune"].str.len().eq(5).all() and communes["code_commune"].is_unique

    base = tmp_path / "france.duckdb"
    rapport = construction.construire(base, tmp_path / "a", rejouer_imports=False, projeter=False)
    assert rapport.lignes["commune"] == 400 and rapport.lignes["projection_population"] == 0
    import duckdb

    con = duckdb.connect(str(base), read_only=True)
    try:
        assert controles.executer(con) == []
    finally:
        con.close()
