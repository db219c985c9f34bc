"""Page Fréquentation et lot de prévisions (issue 5, partie 1) : la page montre la prévision
enregistrée pour la série choisie, avec son intervalle et le modèle choisi par backtest."""

from __future__ import annotations

import duckdb
import pytest

from tests.conftest import lancer_app
from vigie.alimentation import previsions
from vigie.format_fr import nombre


def test_lot_de_previsions(previsions_demo):
    con = duckdb.connect(str(previsions_demo), read_only=True)
    try:
        statuts = dict(con.execute("select id_serie, statut from prevision_serie").fetchall())
        assert len(statuts) == 20
        assert "serie_interrompue" in statuts.values()  # la piscine fermée en 2019
        mal_ordonnees = con.execute(
            "select count(*) from prevision_usage where not (bas_95 <= bas_80 and bas_80 <= "
            "moyenne and moyenne <= haut_80 and haut_80 <= haut_95) or bas_95 < 0"
        ).fetchone()[0]
        assert mal_ordonnees == 0
        # La référence naïve saisonnière est toujours dans le backtest.
        sans_reference = con.execute(
            "select count(*) from prevision_serie s where statut = 'ok' and not exists ("
            "select 1 from backtest_usage b where b.id_serie = s.id_serie "
            "and b.modele = 'naive_saisonniere')"
        ).fetchone()[0]
        assert sans_reference == 0
        horizon = con.execute("select max(horizon) from prevision_calcul").fetchone()[0]
        assert horizon == previsions.HORIZON_MOIS
    finally:
        con.close()


def test_lot_sans_base_ne_laisse_rien(tmp_path):
    from vigie.stockage.base import BaseIntrouvable

    sortie = tmp_path / "previsions.duckdb"
    with pytest.raises(BaseIntrouvable):
        previsions.calculer_previsions(tmp_path / "absente.duckdb", sortie)
    assert list(tmp_path.iterdir()) == []


def test_page_montre_la_prevision_stockee(env_previsions):
    app = lancer_app("pages/frequentation.py", niveau="territoire", code="PAYSDEMO")
    assert not app.exception, app.exception
    id_serie = app.selectbox(key="frequentation_serie").value
    con = duckdb.connect(str(env_previsions), read_only=True)
    derniere = con.execute(
        "select moyenne, bas_80, haut_80 from prevision_usage where id_serie = ? "
        "order by periode desc limit 1",
        [id_serie],
    ).fetchone()
    con.close()
    metriques = {m.label: m for m in app.metric}
    cle = next(k for k in metriques if k.startswith("Prévision pour"))
    assert metriques[cle].value == nombre(derniere[0])
    assert nombre(derniere[1]) in metriques[cle].delta
    assert len(app.get("plotly_chart")) == 1


def test_page_change_de_service(env_previsions):
    app = lancer_app("pages/frequentation.py", niveau="commune", code="00001")
    app.selectbox(key="frequentation_service").set_value("piscine").run()
    assert not app.exception
    assert "Piscines" in app.selectbox(key="frequentation_serie").format_func(
        app.selectbox(key="frequentation_serie").value
    )


def test_page_sans_previsions_propose_le_calcul(env_base):
    app = lancer_app("pages/frequentation.py")
    assert not app.exception
    assert "pas encore été calculées" in app.info[0].value
    assert app.button(key="frequentation_calculer")


def test_relance_sur_donnees_inchangees_reprend_les_resultats(base_demo, previsions_demo, tmp_path):
    """Issue 5 : relancer le lot sur des données inchangées réutilise les résultats enregistrés."""
    import shutil

    copie = tmp_path / "previsions.duckdb"
    shutil.copy(previsions_demo, copie)
    rapport = previsions.calculer_previsions(
        base_demo,
        copie,
        processus=1,
        candidats=["naive", "naive_saisonniere", "ets_additif", "theta"],
    )
    assert rapport.reprises == rapport.series == 20
    con = duckdb.connect(str(copie), read_only=True)
    avant = duckdb.connect(str(previsions_demo), read_only=True)
    try:
        assert con.execute("select bool_and(reprise) from prevision_serie").fetchone()[0]
        requete = "select id_serie, periode, moyenne from prevision_usage order by 1, 2"
        assert con.execute(requete).fetchall() == avant.execute(requete).fetchall()
    finally:
        con.close()
        avant.close()
