"""Le style commun des figures (issue 13) : une seule façon d'ombrer les fourchettes, et la carte
simple des communes qui dessine aussi une commune fusionnée (GeometryCollection)."""

from __future__ import annotations

import json

import pandas as pd
import plotly.graph_objects as go

from vigie.figures import carte, styles


def _bornes() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "annee": [2030, 2040],
            "bas_95": [80.0, 70.0],
            "bas_80": [90.0, 85.0],
            "haut_80": [110.0, 115.0],
            "haut_95": [120.0, 130.0],
        }
    )


def test_bandes_la_plus_large_d_abord_et_plus_claire():
    fig = go.Figure()
    d = _bornes()
    styles.bandes_intervalle(fig, d["annee"], d)
    large, etroite = fig.data
    assert [large.name, etroite.name] == ["Fourchette à 95\u00a0%", "Fourchette à 80\u00a0%"]
    assert list(large.y) == [120.0, 130.0, 70.0, 80.0]  # le haut à l'aller, le bas au retour
    assert large.fillcolor == "rgba(0, 114, 178, 0.12)" == styles.BANDE_95
    assert etroite.fillcolor == styles.BANDE_80


def test_bande_80_d_une_courbe_parmi_plusieurs():
    fig = go.Figure()
    styles.bande_80(fig, _bornes(), styles.PALETTE["vert"], "g", facteur=0.5)
    (bande,) = fig.data
    assert bande.legendgroup == "g" and bande.showlegend is False
    assert list(bande.y) == [55.0, 57.5, 42.5, 45.0]
    assert bande.fillcolor == "rgba(0, 158, 115, 0.13)"
    vide = go.Figure()
    styles.bande_80(vide, _bornes().assign(bas_80=float("nan")), styles.NOIR, "g")
    assert not vide.data  # pas de fourchette : rien n'est tracé


def _carre(x0: float, y0: float) -> list:
    return [[x0, y0], [x0 + 1, y0], [x0 + 1, y0 + 1], [x0, y0 + 1], [x0, y0]]


def test_anneaux_d_une_collection_sans_ses_lignes():
    collection = {
        "type": "GeometryCollection",
        "geometries": [
            {"type": "Polygon", "coordinates": [_carre(0, 0)]},
            {"type": "MultiLineString", "coordinates": [[[1, 0], [1, 1]]]},
            {"type": "MultiPolygon", "coordinates": [[_carre(1, 0)], [_carre(5, 5)]]},
        ],
    }
    assert carte.anneaux_exterieurs(collection) == [_carre(0, 0), _carre(1, 0), _carre(5, 5)]
    assert carte.anneaux_exterieurs({"type": "LineString", "coordinates": [[0, 0], [1, 1]]}) == []


def test_carte_des_communes_avec_une_commune_fusionnee():
    collection = {
        "type": "GeometryCollection",
        "geometries": [
            {"type": "Polygon", "coordinates": [_carre(0, 48)]},
            {"type": "LineString", "coordinates": [[1, 48], [1, 49]]},
        ],
    }
    communes = pd.DataFrame(
        {
            "code_commune": ["29199", "29002"],
            "nom_commune": ["Plouigneau", "Arzano"],
            "population_municipale": [5200.0, 1400.0],
            "annee": [2021, 2021],
            "geojson": [
                json.dumps(collection),
                json.dumps({"type": "Polygon", "coordinates": [_carre(1, 48)]}),
            ],
        }
    )
    fig = carte.figure_carte_communes(communes, "Essai", "Source : test")
    contours = [t for t in fig.data if t.fill == "toself"]
    assert len(contours) == 2
    assert list(contours[0].x) == [0, 1, 1, 0, 0, None]  # le polygone, sans la ligne
    assert "Plouigneau" in contours[0].text
    assert "6\u202f600 habitants" in fig.layout.title.text


def test_gabarit_leger_par_defaut(monkeypatch):
    """Issue 18 (réactivité) : les figures prennent le gabarit « vigie », la mise en page de
    plotly_white sans la trentaine de types de tracés qu'il décrit (recopiés à chaque figure),
    même quand Streamlit, importé après, a remis le sien par défaut."""
    import plotly.io as pio

    monkeypatch.setattr(
        pio.templates, "default", "streamlit" if "streamlit" in pio.templates else "plotly"
    )
    fig = styles.habiller(go.Figure(go.Bar(x=[1], y=[2])), "Titre", "Source : essai")
    gabarit = fig.layout.template
    assert gabarit.layout.plot_bgcolor == pio.templates["plotly_white"].layout.plot_bgcolor
    assert gabarit.data.bar and not gabarit.data.scatter3d
    assert pio.templates.default == styles.GABARIT  # les figures suivantes aussi


def test_la_source_reste_au_bord_et_en_bas_quand_la_figure_change_de_marges():
    """La source part du bord de la figure, pas du tracé (coupée pour une demi-page, elle
    dépassait à droite derrière la marge des graduations), et reste sous les étiquettes."""
    fig = styles.habiller(go.Figure(go.Bar(x=[1], y=[2])), "Titre", "Source : essai")
    (source,) = [a for a in fig.layout.annotations if a.name == styles.NOM_SOURCE]
    assert fig.layout.margin.l + source.xshift == styles.BORD_SOURCE
    bas, hauteur, decalage = fig.layout.margin.b, fig.layout.height, source.yshift
    styles.marge_gauche(fig, 125)
    styles.agrandir_le_bas(fig, 25)
    assert fig.layout.margin.l + source.xshift == styles.BORD_SOURCE
    assert (fig.layout.margin.b, fig.layout.height, source.yshift) == (
        bas + 25,
        hauteur + 25,
        decalage - 25,
    )
