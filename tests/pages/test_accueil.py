"""Page d'accueil (issue 2) : pour un Pays, un EPCI et une commune, les chiffres clés affichés sont
ceux de la base, au format français, avec leur source."""

from __future__ import annotations

import duckdb
import pytest

from tests.conftest import lancer_app
from vigie.format_fr import nombre


def _attendu(base, niveau, code):
    con = duckdb.connect(str(base), read_only=True)
    try:
        communes = {
            "territoire": "select code_commune from territoire_commune where code_territoire = ?",
            "epci": "select code_commune from commune where code_epci = ?",
            "commune": "select code_commune from commune where code_commune = ?",
        }[niveau]
        annee = con.execute("select max(annee) from population").fetchone()[0]
        total, moins_3, plus_75 = con.execute(
            f"select sum(population), sum(population) filter (where age <= 2), "
            f"sum(population) filter (where age >= 75) from population "
            f"where annee = ? and code_commune in ({communes})",
            [annee, code],
        ).fetchone()
        return annee, total, moins_3, plus_75
    finally:
        con.close()


@pytest.mark.parametrize(
    "niveau,code",
    [("territoire", "PAYSDEMO"), ("epci", "000000002"), ("commune", "00001")],
)
def test_chiffres_cles_egaux_a_la_base(env_base, niveau, code):
    app = lancer_app(niveau=niveau, code=code)
    assert not app.exception, app.exception
    annee, total, moins_3, plus_75 = _attendu(env_base, niveau, code)
    metriques = {m.label: m for m in app.metric}
    assert metriques["Habitants"].value == nombre(total)
    assert metriques["Moins de 3 ans"].value == nombre(moins_3)
    assert metriques["75 ans ou plus"].value == nombre(plus_75)
    assert f"1er janvier {annee}" in app.subheader[0].value
    assert any("Source :" in c.value for c in app.caption)
    assert app.query_params["niveau"] == niveau and app.query_params["code"] == code


def test_lien_inconnu_retombe_sur_un_territoire_valide(env_base):
    app = lancer_app(niveau="commune", code="99999")
    assert not app.exception
    assert app.title[0].value  # la première commune est montrée plutôt qu'une erreur


def test_page_sources_et_methodes(env_base):
    app = lancer_app("pages/sources.py")
    assert not app.exception
    assert app.title[0].value == "Sources et méthodes"
    sources, fiabilite = (d.value for d in app.dataframe[:2])
    # Le tableau des ratios par ses colonnes, pas par son rang : la page montre plusieurs tableaux
    # entre les deux (le troisième se trouvait compter 8 lignes, autant que les ratios par défaut
    # avant ceux de l'APA, issue 15).
    (ratios,) = [
        d.value for d in app.dataframe if list(d.value.columns)[:2] == ["Service", "Ratio"]
    ]
    con = duckdb.connect(str(env_base), read_only=True)
    try:
        fichiers = {f for (f,) in con.execute("select fichier from source").fetchall()}
        assert set(sources["Fichier"]) <= fichiers
        assert {"population.parquet", "naissances.csv", "equipements.csv"} <= set(
            sources["Fichier"]
        )
        attendu = con.execute(
            "select count(*) from projection_backtest "
            "where groupe_age = 'toutes' and classe_taille = 'toutes'"
        ).fetchone()[0]
        assert len(fiabilite) == attendu > 0
        assert (
            len(ratios)
            == con.execute("select count(*) from ratio_demande where defaut").fetchone()[0]
        )
    finally:
        con.close()
    assert any("pas des prédictions" in i.value for i in app.info)


def test_un_equipement_qui_fermera_est_encore_en_service(base_copie):
    """Un équipement dont l'année de fermeture est à venir est en service aujourd'hui et n'est pas
    listé comme fermé ; celui qui ouvre plus tard est listé comme prévu, celui fermé l'an dernier
    comme fermé (les « Équipements en service » de l'accueil et la colonne « En service » de
    l'export lisent `en_service`)."""
    from datetime import date

    from vigie import textes
    from vigie.stockage import base as stockage_base

    cette_annee = date.today().year
    with duckdb.connect(str(base_copie)) as con:
        fermera, fermee, ouvrira = (
            r[0]
            for r in con.execute(
                "select id_equipement from equipement where code_commune = '00001' "
                "order by id_equipement limit 3"
            ).fetchall()
        )
        con.execute(
            "update equipement set annee_ouverture = 1990, annee_fermeture = ? "
            "where id_equipement = ?",
            [cette_annee + 4, fermera],
        )
        con.execute(
            "update equipement set annee_ouverture = 1990, annee_fermeture = ? "
            "where id_equipement = ?",
            [cette_annee - 1, fermee],
        )
        con.execute(
            "update equipement set annee_ouverture = ?, annee_fermeture = null "
            "where id_equipement = ?",
            [cette_annee + 2, ouvrira],
        )
        equipements = stockage_base.requete(con, "equipements", niveau="commune", code="00001")
    etat = dict(zip(equipements["id_equipement"], equipements["en_service"], strict=True))
    assert etat[fermera] and not etat[fermee] and not etat[ouvrira]

    ligne = textes.equipements_hors_service(
        equipements[~equipements["en_service"]].to_dict("records"), cette_annee
    )
    assert str(cette_annee + 4) not in ligne  # toujours en service : ni fermé ni prévu
