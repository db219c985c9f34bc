"""Plotly figures of usage series and their forecasts (pure functions, reused by the exports)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from vigie.figures.graphiques import PALETTE, bandes_intervalle, habiller
from vigie.format_fr import pourcentage


def evolution_centrale(observations: pd.DataFrame, prevision: pd.DataFrame) -> float | None:
    """Change of the central forecast over its last 12 months against the last 12 observed.

    Sums of central values are central values of sums, so this ratio is honest; the bounds of a
    sum are not sums of bounds, hence no range here (the chart shows the monthly bands).
    """
    if len(prevision) < 12 or len(observations) < 12:
        return None
    derniers = observations.sort_values("periode")["valeur"].tail(12).sum()
    futurs = prevision.sort_values("periode")["moyenne"].tail(12).sum()
    return futurs / derniers - 1 if derniers else None


def figure_prevision_usage(
    observations: pd.DataFrame,
    prevision: pd.DataFrame,
    libelle: str,
    unite: str,
    source: str,
) -> go.Figure:
    """Observed monthly values (solid) and the forecast (dashed) with its 80 % and 95 % bands."""
    obs = observations.sort_values("periode")
    prev = prevision.sort_values("periode")
    fig = go.Figure()
    if not prev.empty:
        bandes_intervalle(fig, prev["periode"], prev)
    fig.add_trace(
        go.Scatter(
            x=obs["periode"],
            y=obs["valeur"],
            mode="lines",
            name="Observé",
            line=dict(color="#1b2631", width=2),
            hovertemplate=f"%{{x|%m/%Y}} : %{{y:,.0f}} {unite}<extra>observé</extra>",
        )
    )
    if not prev.empty:
        fig.add_trace(
            go.Scatter(
                x=prev["periode"],
                y=prev["moyenne"],
                mode="lines",
                name="Prévision centrale",
                line=dict(color=PALETTE["bleu"], width=2.5, dash="dash"),
                customdata=prev[["bas_80", "haut_80", "bas_95", "haut_95"]].to_numpy(),
                hovertemplate=(
                    f"%{{x|%m/%Y}} : %{{y:,.0f}} {unite}<br>80 % : %{{customdata[0]:,.0f}} à "
                    "%{customdata[1]:,.0f}<br>95 % : %{customdata[2]:,.0f} à %{customdata[3]:,.0f}"
                    "<extra>prévision</extra>"
                ),
            )
        )
    variation = evolution_centrale(obs, prev)
    if prev.empty:
        titre = f"{libelle} : pas de prévision (série interrompue ou trop courte)"
    elif variation is None:
        titre = f"{libelle} : prévision jusqu'en {prev['periode'].max():%m/%Y}"
    else:
        sens = "en hausse" if variation > 0.02 else "en baisse" if variation < -0.02 else "stable"
        titre = (
            f"{libelle} : {sens} d'ici {prev['periode'].max():%Y} "
            f"({pourcentage(variation, signe=True)} sur 12 mois, valeur centrale)"
        )
    fig.update_yaxes(title=unite, rangemode="tozero")
    fig.update_xaxes(title="mois")
    return habiller(fig, titre, source, hauteur=440, largeur_titre=90)
