"""Issue 18, point 5 : les figures parlent français jusque dans les survols et les graduations —
virgule décimale et espace des milliers (`layout.separators`, posé une fois dans `habiller`),
« 50 % » avec l'espace insécable sur les axes de parts (Plotly écrit « 50% »)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from vigie.figures import services, styles
from vigie.format_fr import ESPACE_MILLIERS, ESPACE_POURCENT


def _synthese() -> pd.DataFrame:
    """Deux services au bilan de 2050 : une crèche couverte, un EHPAD en déficit."""
    colonnes = "service libelle comparabilite horizon demande bas_80 haut_80 capacite".split()
    return pd.DataFrame(
        [
            ("creche", "Petite enfance (crèches)", "comparable", 2050, 100.0, 90.0, 110.0, 120.0),
            ("ehpad", "EHPAD", "comparable", 2050, 2000.0, 1800.0, 2300.0, 1000.0),
        ],
        columns=colonnes,
    )


def test_habiller_pose_les_separateurs_francais():
    fig = styles.habiller(go.Figure(go.Scatter(x=[1], y=[1234.5])), "Titre", "Source")
    assert fig.layout.separators == f",{ESPACE_MILLIERS}"


def test_axe_de_couverture_en_pourcent_a_la_francaise():
    fig = services.figure_couverture(_synthese(), "scénario central", "Source : test")
    assert fig.layout.separators == f",{ESPACE_MILLIERS}"
    axe = fig.layout.xaxis
    assert axe.tickmode == "array"
    textes = list(axe.ticktext)
    assert f"100{ESPACE_POURCENT}%" in textes
    assert all(t.endswith(f"{ESPACE_POURCENT}%") for t in textes)
    assert not any(t[-2].isdigit() for t in textes)  # jamais « 50% »
    assert max(axe.tickvals) >= 120 / 90  # jusqu'au bout de la moustache la plus longue
    assert "%{x:.0%}" not in fig.data[0].hovertemplate


def test_graduations_fines_pour_de_petites_parts():
    fig = go.Figure()
    styles.graduer_en_pourcent(fig, "y", 0.03)
    assert list(fig.layout.yaxis.tickvals)[-1] >= 0.03
    assert f"0,5{ESPACE_POURCENT}%" in fig.layout.yaxis.ticktext


def test_couverture_coloree_par_l_annee_la_plus_tendue():
    """Issue 18 : une barre à 120 % à l'horizon reste vermillon si la capacité manque une année
    d'ici là (la phrase d'alerte dit « déficit 2022–2049 ») ; son libellé le dit."""
    synthese = _synthese().assign(premiere_annee=[2022.0, None])
    fig = services.figure_couverture(synthese, "scénario central", "Source : test")
    barres = fig.data[0]
    rang = list(barres.y).index("Petite enfance (crèches)")
    assert barres.marker.color[rang] == styles.PALETTE["vermillon"]
    assert "manque dès 2022" in barres.text[rang]
    assert "au moins une année" in fig.layout.title.text
