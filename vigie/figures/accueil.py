"""Les figures de la page d'accueil, fonctions pures de DataFrames (sans streamlit), reprises par les
documents : évolution de la population, pyramide des âges, groupes d'âge des services, naissances
et décès.

Chaque titre énonce le constat en une phrase ; la source est écrite sous le graphique (`habiller`).
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from vigie.figures.styles import (
    COULEUR_SEXE,
    NOIR,
    PALETTE,
    agrandir_le_bas,
    habiller,
    legende_au_dessus,
    trace_ligne,
)
from vigie.format_fr import nombre, pourcentage


def figure_evolution_population(indicateurs: pd.DataFrame, nom: str, source: str) -> go.Figure:
    """La population à chaque recensement (colonnes annee, population)."""
    donnees = indicateurs.sort_values("annee")
    premier, dernier = donnees.iloc[0], donnees.iloc[-1]
    variation = dernier["population"] / premier["population"] - 1
    sens = (
        "a augmenté" if variation > 0.005 else "a diminué" if variation < -0.005 else "est stable"
    )
    titre = (
        f"{nom} : la population {sens} de {int(premier['annee'])} à {int(dernier['annee'])} "
        f"({pourcentage(variation, signe=True)}), {nombre(dernier['population'])} habitants"
    )
    fig = go.Figure(
        trace_ligne(
            donnees["annee"],
            donnees["population"],
            "Population recensée",
            "%{x} : %{y:,.0f} habitants<extra></extra>",
            marqueurs=True,
        )
    )
    fig.update_yaxes(title="habitants", rangemode="tozero")
    # Whole years only: five legal populations (2019-2023) over a full width gave « 2019,5 ».
    etendue = int(dernier["annee"]) - int(premier["annee"])
    fig.update_xaxes(
        title="année de recensement (population au 1er janvier)",
        dtick=1 if etendue <= 12 else 5,
        tickformat="d",
    )
    return habiller(fig, titre, source)


def figure_pyramide(
    pyramide: pd.DataFrame,
    annee: int,
    source: str,
    reference: pd.DataFrame | None = None,
    annee_reference: int | None = None,
) -> go.Figure:
    """La pyramide des âges année par année (colonnes sexe, age, population), hommes à gauche.

    `reference`, si elle est donnée, est une année antérieure tracée en contour pour montrer le
    vieillissement.
    """
    fig = go.Figure()
    for sexe, libelle in ((1, "Hommes"), (2, "Femmes")):
        d = pyramide[pyramide["sexe"] == sexe].sort_values("age")
        signe = -1 if sexe == 1 else 1
        fig.add_trace(
            go.Bar(
                y=d["age"],
                x=signe * d["population"],
                orientation="h",
                name=f"{libelle} {annee}",
                marker_color=COULEUR_SEXE[sexe],
                customdata=d["population"],
                hovertemplate=f"{libelle}, %{{y}} ans : %{{customdata:,.0f}}<extra></extra>",
            )
        )
        if reference is not None:
            r = reference[reference["sexe"] == sexe].sort_values("age")
            fig.add_trace(
                go.Scatter(
                    y=r["age"],
                    x=signe * r["population"],
                    mode="lines",
                    line=dict(color=NOIR, width=1.5, shape="hvh"),
                    name=f"{libelle} {annee_reference}",
                    customdata=r["population"],
                    hovertemplate=f"{libelle} {annee_reference}, %{{y}} ans : %{{customdata:,.0f}}"
                    "<extra></extra>",
                )
            )
    total = pyramide["population"].sum()
    age_moyen = (pyramide["age"] * pyramide["population"]).sum() / total if total else 0
    titre = f"En {annee}, la moitié des habitants a plus de {age_median(pyramide)} ans"
    if reference is not None and annee_reference:
        titre += f" (âge moyen {nombre(age_moyen, 1)} ans)"
    borne = float(pyramide["population"].max()) * 1.1 if len(pyramide) else 1.0
    fig.update_layout(barmode="overlay", bargap=0.05)
    fig.update_xaxes(
        title="habitants par âge<br>(hommes à gauche, femmes à droite)",
        range=[-borne, borne],
        tickformat=",.0f",
        tickprefix="",
    )
    # Les valeurs absolues des deux côtés de l'axe.
    pas = _pas_lisible(borne)
    graduations = [v for v in range(-int(borne // pas) * pas, int(borne) + 1, pas)]
    fig.update_xaxes(tickvals=graduations, ticktext=[nombre(abs(v)) for v in graduations])
    fig.update_yaxes(title="âge", dtick=10)
    fig = agrandir_le_bas(habiller(fig, titre, source, hauteur=580), 20)
    # À droite, la légende laissait à la pyramide 130 px de large dans une demi-page à 1280 px.
    return legende_au_dessus(fig, 45)


def age_median(pyramide: pd.DataFrame) -> int:
    """L'âge qui partage les habitants en deux moitiés (colonnes age, population)."""
    par_age = pyramide.groupby("age")["population"].sum().sort_index()
    cumul = par_age.cumsum()
    if cumul.empty or cumul.iloc[-1] == 0:
        return 0
    return int(cumul[cumul >= cumul.iloc[-1] / 2].index[0])


def _pas_lisible(borne: float) -> int:
    for pas in (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, 20000, 50000):
        if borne / pas <= 5:
            return pas
    return 100000


def figure_groupes_age(
    groupes: pd.DataFrame, annee_debut: int, annee_fin: int, source: str
) -> go.Figure:
    """La variation de chaque groupe d'âge des services entre deux recensements (colonnes annee,
    rang, groupe_age, population)."""
    debut = groupes[groupes["annee"] == annee_debut].set_index("rang")
    fin = groupes[groupes["annee"] == annee_fin].set_index("rang")
    evolution = (fin["population"] - debut["population"]).sort_index()
    libelles = fin["groupe_age"].reindex(evolution.index)
    couleurs = [PALETTE["vert"] if v >= 0 else PALETTE["vermillon"] for v in evolution]
    plus_forte = evolution.idxmax()
    plus_faible = evolution.idxmin()
    titre = (
        f"De {annee_debut} à {annee_fin}, les {libelles[plus_forte]} gagnent le plus "
        f"({'+' if evolution[plus_forte] >= 0 else ''}{nombre(evolution[plus_forte])}), "
        f"les {libelles[plus_faible]} perdent le plus ({nombre(evolution[plus_faible])})"
    )
    courts = libelles.str.replace(" ans et plus", "+", regex=False).str.replace(" ans", "")
    fig = go.Figure(
        go.Bar(
            x=courts,
            y=evolution,
            marker_color=couleurs,
            customdata=list(
                zip(
                    debut["population"].reindex(evolution.index),
                    fin["population"].reindex(evolution.index),
                    strict=True,
                )
            ),
            hovertemplate=(
                "%{x} ans : %{y:+,.0f} habitants<br>"
                f"{annee_debut} : %{{customdata[0]:,.0f}} — {annee_fin} : %{{customdata[1]:,.0f}}"
                "<extra></extra>"
            ),
        )
    )
    fig.update_yaxes(title=f"variation {annee_debut}-{annee_fin} (habitants)", zeroline=True)
    fig.update_xaxes(title="groupe d'âge (ans)", tickangle=-45, tickfont=dict(size=12))
    return agrandir_le_bas(habiller(fig, titre, source), 25)  # les étiquettes inclinées


def figure_naissances_deces(evenements: pd.DataFrame, source: str) -> go.Figure:
    """Les naissances et les décès de chaque année (colonnes annee, naissances, deces)."""
    d = evenements.sort_values("annee")
    recent = d.tail(5)
    solde = (recent["naissances"] - recent["deces"]).sum()
    depuis = int(recent["annee"].min())
    if solde < 0:
        titre = (
            f"Depuis {depuis}, les décès dépassent les naissances "
            f"({nombre(-solde)} de plus en {len(recent)} ans)"
        )
    else:
        titre = (
            f"Depuis {depuis}, les naissances dépassent les décès "
            f"({nombre(solde)} de plus en {len(recent)} ans)"
        )
    fig = go.Figure()
    for colonne, nom, couleur, tirets in (
        ("naissances", "Naissances", PALETTE["vert"], None),
        ("deces", "Décès", PALETTE["vermillon"], "dot"),
    ):
        fig.add_trace(
            trace_ligne(
                d["annee"],
                d[colonne],
                nom,
                f"%{{x}} : %{{y:,.0f}} {nom.lower()}<extra></extra>",
                couleur=couleur,
                tirets=tirets,
                marqueurs=True,
            )
        )
    fig.update_yaxes(title="personnes par an", rangemode="tozero")
    return habiller(fig, titre, source)
