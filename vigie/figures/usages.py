"""Les figures des séries de fréquentation et de leurs prévisions (fonctions pures, reprises par les
documents)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from vigie.figures.styles import NOIR, bandes_intervalle, habiller, trace_ligne
from vigie.format_fr import pourcentage, seuil


def evolution_centrale(observations: pd.DataFrame, prevision: pd.DataFrame) -> float | None:
    """L'évolution de la prévision centrale sur ses 12 derniers mois face aux 12 derniers observés.

    La somme des valeurs centrales est la valeur centrale de la somme : ce rapport est honnête ; les
    bornes d'une somme ne sont pas la somme des bornes, d'où l'absence de fourchette ici (le
    graphique montre les fourchettes mensuelles).
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
    """Les valeurs mensuelles observées (trait plein) et la prévision (tirets) avec ses fourchettes
    à 80 % et 95 %."""
    obs = observations.sort_values("periode")
    prev = prevision.sort_values("periode")
    fig = go.Figure()
    if not prev.empty:
        bandes_intervalle(fig, prev["periode"], prev)
    fig.add_trace(
        trace_ligne(
            obs["periode"],
            obs["valeur"],
            "Observé",
            f"%{{x|%m/%Y}} : %{{y:,.0f}} {unite}<extra>observé</extra>",
            couleur=NOIR,
            largeur=2,
        )
    )
    if not prev.empty:
        fig.add_trace(
            trace_ligne(
                prev["periode"],
                prev["moyenne"],
                "Prévision centrale",
                f"%{{x|%m/%Y}} : %{{y:,.0f}} {unite}<br>{seuil(80)} : %{{customdata[0]:,.0f}} à "
                f"%{{customdata[1]:,.0f}}<br>{seuil(95)} : %{{customdata[2]:,.0f}} à "
                "%{customdata[3]:,.0f}"
                "<extra>prévision</extra>",
                largeur=2.5,
                tirets="dash",
                customdata=prev[["bas_80", "haut_80", "bas_95", "haut_95"]].to_numpy(),
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
