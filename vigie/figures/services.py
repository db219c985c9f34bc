"""Les figures de la page Services, fonctions pures de DataFrames (sans streamlit).

La demande est une projection : en tirets, avec ses fourchettes à 80 % et 95 % ombrées ; la
capacité (équipements en service, ouvertures et fermetures connues) en trait plein ; la demande
estimée sur le dernier recensement est un point plein. Les titres énoncent le constat ; la source
est sous le graphique (`habiller`).
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from vigie.figures.styles import (
    NOIR,
    PALETTE,
    bandes_intervalle,
    graduer_en_pourcent,
    habiller,
    trace_ligne,
)
from vigie.format_fr import nombre, pourcentage, seuil


def titre_service(libelle: str, ligne: dict | pd.Series, nom_scenario: str) -> str:
    """Le constat pour un service, en une phrase (une ligne de `Bilan.synthese`)."""
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
    """La demande et ses fourchettes face à la capacité, année par année, pour un service.

    Args:
        ecart: les lignes de `Bilan.ecart` du service (annee, demande, bas_80, haut_80, bas_95,
            haut_95, capacite, unite).
        synthese: la ligne du service dans `Bilan.synthese` (premières années de déficit).
        libelle: le nom du service ; nom_scenario : « scénario central »...
        observe: {"annee": année du recensement, "demande": demande sur sa population}, tracée
            en point plein.
    """
    d = ecart.sort_values("annee")
    synthese = dict(synthese)
    unite = str(d["unite"].iloc[0]) if len(d) else ""
    fig = go.Figure()
    a_bandes = d["bas_95"].notna().any()
    if a_bandes:
        bandes_intervalle(fig, d["annee"], d)
    fig.add_trace(
        trace_ligne(
            d["annee"],
            d["demande"],
            "Besoin projeté",
            f"%{{x}} : %{{y:,.1f}} {unite}"
            + (
                f"<br>{seuil(80)} : %{{customdata[0]:,.1f}} à %{{customdata[1]:,.1f}}"
                if a_bandes
                else ""
            )
            + "<extra>Besoin projeté</extra>",
            tirets="dash",
            customdata=d[["bas_80", "haut_80"]].to_numpy() if a_bandes else None,
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
            trace_ligne(
                d["annee"],
                d["capacite"],
                "Capacité en service",
                f"%{{x}} : %{{y:,.0f}} {unite}<extra>Capacité</extra>",
                couleur=PALETTE["vermillon"],
                forme="hv",
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
    # Pas depuis zéro : c'est l'écart entre demande et capacité qui se lit ici.
    fig.update_yaxes(title=unite)
    fig.update_xaxes(title="année (population au 1er janvier)")
    return habiller(fig, titre_service(libelle, synthese, nom_scenario), source, largeur_titre=80)


def figure_couverture(synthese: pd.DataFrame, nom_scenario: str, source: str) -> go.Figure:
    """La capacité en part de la demande à l'horizon, par service dont la capacité est comparable.

    Sous 100 %, la capacité manque ; la moustache couvre la fourchette à 80 % de la demande. La
    couleur dit l'année la plus tendue de l'horizon, comme la phrase d'alerte (issue 18) : une
    barre à 101 % en 2050 reste vermillon si la capacité manque de 2022 à 2049 (`premiere_annee`
    de la synthèse, la première année où le besoin dépasse la capacité).
    """
    s = synthese[synthese["comparabilite"] == "comparable"].copy()
    s = s[s["demande"] > 0]
    horizon = int(s["horizon"].iloc[0]) if len(s) else 0
    s["couverture"] = s["capacite"] / s["demande"]
    # La capacité sur la demande haute donne la couverture basse, sur la demande basse la haute.
    s["couverture_basse"] = s["capacite"] / s["haut_80"]
    s["couverture_haute"] = s["capacite"] / s["bas_80"]
    s = s.iloc[::-1]  # le premier service en haut
    if "premiere_annee" in s:
        s["manque"] = s["premiere_annee"].notna() | (s["couverture"] < 1)
    else:
        s["manque"] = s["couverture"] < 1
    couleurs = [PALETTE["vermillon"] if m else PALETTE["vert"] for m in s["manque"]]
    textes_barres = [
        pourcentage(c, 0) + (f" · manque dès {int(a)}" if m and pd.notna(a) and c >= 1 else "")
        for c, m, a in zip(
            s["couverture"],
            s["manque"],
            s["premiere_annee"] if "premiere_annee" in s else [None] * len(s),
            strict=True,
        )
    ]
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
                color=NOIR,
                thickness=1.5,
            )
            if a_bandes
            else None,
            text=textes_barres,
            textposition="inside",
            insidetextanchor="start",  # loin de la moustache au bout de la barre
            customdata=[pourcentage(c, 0) for c in s["couverture"]],
            hovertemplate=f"%{{y}} : capacité en {horizon} = %{{customdata}} du besoin"
            "<extra></extra>",
            name="Capacité / besoin",
        )
    )
    fig.add_vline(x=1, line=dict(color=NOIR, width=2))
    manquent = s.loc[s["manque"], "libelle"].tolist()[::-1]
    if manquent:
        titre = (
            f"D'ici {horizon} ({nom_scenario}), la capacité manque au moins une année pour : "
            + ", ".join(manquent)
        )
    else:
        titre = (
            f"Jusqu'en {horizon} ({nom_scenario}), la capacité couvre le besoin de chaque service"
        )
    fig.update_xaxes(
        title=f"capacité en service en {horizon}, en % du besoin projeté (vermillon : manque "
        f"au moins une année d'ici {horizon})"
    )
    haut = pd.concat([s["couverture"], s["couverture_haute"]]).max() if len(s) else 1.0
    graduer_en_pourcent(fig, "x", max(1.0, float(haut)))
    fig.update_yaxes(title=None, tickformat=None)
    fig.update_layout(showlegend=False, bargap=0.35)
    return habiller(fig, titre, source, hauteur=120 + 45 * len(s), largeur_titre=90)


def libelle_quantite(valeur: float, unite: str) -> str:
    """`82 places`, `13,4 classes` : une décimale sous 100 (une fraction de classe compte)."""
    return f"{nombre(valeur, 1 if abs(valeur) < 100 else 0)} {unite}"
