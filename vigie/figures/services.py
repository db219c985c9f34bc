"""Plotly figures of the Services page, as pure functions of DataFrames (no streamlit here).

Demand is a projection: dashed, with its 80 % and 95 % bands shaded; capacity (facilities in
service, known openings and closings) is solid; the demand estimated on the last census is a
solid marker. Titles state the finding; the source line sits under the plot (`habiller`).
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from vigie.figures.graphiques import PALETTE, habiller
from vigie.format_fr import nombre, pourcentage

BLEU_CLAIR_95 = "rgba(0, 114, 178, 0.12)"
BLEU_CLAIR_80 = "rgba(0, 114, 178, 0.25)"


def titre_service(libelle: str, ligne: dict | pd.Series, nom_scenario: str) -> str:
    """The finding for one service, as a sentence (a row of `Bilan.synthese`)."""
    ligne = dict(ligne)
    horizon = int(ligne["horizon"])
    if ligne["comparabilite"] != "comparable":
        return f"{libelle} : besoin estimé jusqu'en {horizon} ({nom_scenario}), sans capacité comparable"
    annee = ligne["premiere_annee"]
    haut = ligne["premiere_annee_haut_80"]
    if pd.notna(annee):
        if pd.notna(ligne.get("fin_deficit")):
            return (
                f"{libelle} : le besoin dépasse la capacité de {int(annee)} à "
                f"{int(ligne['fin_deficit']) - 1} ({nom_scenario})"
            )
        return f"{libelle} : le besoin dépasse la capacité dès {int(annee)} ({nom_scenario})"
    if pd.notna(haut):
        return (
            f"{libelle} : la capacité suffit jusqu'en {horizon} ({nom_scenario}), "
            f"mais pas dans l'hypothèse haute dès {int(haut)}"
        )
    return f"{libelle} : la capacité suffit jusqu'en {horizon} ({nom_scenario})"


def figure_demande_capacite(
    ecart: pd.DataFrame,
    synthese: dict | pd.Series,
    libelle: str,
    nom_scenario: str,
    source: str,
    observe: dict | None = None,
) -> go.Figure:
    """Demand with its bands against capacity, year by year, for one service.

    Args:
        ecart: rows of `Bilan.ecart` for the service (annee, demande, bas_80, haut_80, bas_95,
            haut_95, capacite, unite).
        synthese: the service's row of `Bilan.synthese` (first deficit years).
        libelle: service name; nom_scenario: "scénario central"...
        observe: {"annee": census year, "demande": demand on the census population}, drawn as a
            solid marker.
    """
    d = ecart.sort_values("annee")
    synthese = dict(synthese)
    unite = str(d["unite"].iloc[0]) if len(d) else ""
    fig = go.Figure()
    a_bandes = d["bas_95"].notna().any()
    if a_bandes:
        for bas, haut, couleur, nom in (
            ("bas_95", "haut_95", BLEU_CLAIR_95, "Fourchette à 95 %"),
            ("bas_80", "haut_80", BLEU_CLAIR_80, "Fourchette à 80 %"),
        ):
            fig.add_trace(
                go.Scatter(
                    x=pd.concat([d["annee"], d["annee"][::-1]]),
                    y=pd.concat([d[haut], d[bas][::-1]]),
                    fill="toself",
                    fillcolor=couleur,
                    line=dict(width=0),
                    name=nom,
                    hoverinfo="skip",
                )
            )
    fig.add_trace(
        go.Scatter(
            x=d["annee"],
            y=d["demande"],
            mode="lines",
            line=dict(color=PALETTE["bleu"], width=3, dash="dash"),
            name="Besoin projeté",
            customdata=d[["bas_80", "haut_80"]].to_numpy() if a_bandes else None,
            hovertemplate=(
                f"%{{x}} : %{{y:,.1f}} {unite}"
                + ("<br>80 % : %{customdata[0]:,.1f} à %{customdata[1]:,.1f}" if a_bandes else "")
                + "<extra>Besoin projeté</extra>"
            ),
        )
    )
    if observe is not None:
        fig.add_trace(
            go.Scatter(
                x=[observe["annee"]],
                y=[observe["demande"]],
                mode="markers",
                marker=dict(color=PALETTE["bleu"], size=11, symbol="circle"),
                name=f"Besoin au recensement {observe['annee']}",
                hovertemplate=f"%{{x}} : %{{y:,.1f}} {unite} (recensement)<extra></extra>",
            )
        )
    comparable = synthese.get("comparabilite") == "comparable"
    if comparable:
        fig.add_trace(
            go.Scatter(
                x=d["annee"],
                y=d["capacite"],
                mode="lines",
                line=dict(color=PALETTE["vermillon"], width=3, shape="hv"),
                name="Capacité en service",
                hovertemplate=f"%{{x}} : %{{y:,.0f}} {unite}<extra>Capacité</extra>",
            )
        )
        annee = synthese.get("premiere_annee")
        if annee is not None and pd.notna(annee):
            fig.add_vline(x=int(annee), line=dict(color=PALETTE["vermillon"], dash="dot", width=2))
            fig.add_annotation(
                x=int(annee),
                y=1,
                yref="paper",
                text=f"déficit dès {int(annee)}",
                showarrow=False,
                xanchor="left",
                yanchor="top",
                font=dict(color=PALETTE["vermillon"], size=13),
            )
    # Not from zero: the gap between demand and capacity is what is read here.
    fig.update_yaxes(title=unite)
    fig.update_xaxes(title="année (population au 1er janvier)")
    return habiller(fig, titre_service(libelle, synthese, nom_scenario), source, largeur_titre=80)


def figure_couverture(synthese: pd.DataFrame, nom_scenario: str, source: str) -> go.Figure:
    """Capacity as a share of demand at the horizon, per service with a comparable capacity.

    Below 100 % the service lacks capacity; the whisker spans the 80 % interval of the demand.
    """
    s = synthese[synthese["comparabilite"] == "comparable"].copy()
    s = s[s["demande"] > 0]
    horizon = int(s["horizon"].iloc[0]) if len(s) else 0
    s["couverture"] = s["capacite"] / s["demande"]
    # Capacity over the upper demand is the low coverage, over the lower demand the high one.
    s["couverture_basse"] = s["capacite"] / s["haut_80"]
    s["couverture_haute"] = s["capacite"] / s["bas_80"]
    s = s.iloc[::-1]  # first service on top
    couleurs = [PALETTE["vermillon"] if c < 1 else PALETTE["vert"] for c in s["couverture"]]
    a_bandes = s["haut_80"].notna().any()
    fig = go.Figure(
        go.Bar(
            x=s["couverture"],
            y=s["libelle"],
            orientation="h",
            marker_color=couleurs,
            error_x=dict(
                type="data",
                symmetric=False,
                array=(s["couverture_haute"] - s["couverture"]).fillna(0),
                arrayminus=(s["couverture"] - s["couverture_basse"]).fillna(0),
                color="#1b2631",
                thickness=1.5,
            )
            if a_bandes
            else None,
            text=[pourcentage(c, 0) for c in s["couverture"]],
            textposition="inside",
            insidetextanchor="start",  # away from the whisker at the end of the bar
            hovertemplate="%{y} : capacité = %{x:.0%} du besoin<extra></extra>",
            name="Capacité / besoin",
        )
    )
    fig.add_vline(x=1, line=dict(color="#1b2631", width=2))
    manquent = s.loc[s["couverture"] < 1, "libelle"].tolist()[::-1]
    if manquent:
        titre = (
            f"En {horizon} ({nom_scenario}), la capacité ne couvre pas le besoin pour : "
            + ", ".join(manquent)
        )
    else:
        titre = f"En {horizon} ({nom_scenario}), la capacité couvre le besoin de chaque service"
    fig.update_xaxes(title="capacité en service, en % du besoin projeté", tickformat=".0%")
    fig.update_yaxes(title=None, tickformat=None)
    fig.update_layout(showlegend=False, bargap=0.35)
    return habiller(fig, titre, source, hauteur=120 + 45 * len(s), largeur_titre=90)


def libelle_quantite(valeur: float, unite: str) -> str:
    """`82 places`, `13,4 classes`: one decimal below 100 (a fraction of a class matters)."""
    return f"{nombre(valeur, 1 if abs(valeur) < 100 else 0)} {unite}"
