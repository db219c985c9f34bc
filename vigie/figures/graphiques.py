"""Plotly figures, as pure functions of DataFrames (no streamlit here), reused by the exports.

Every figure has a title that states the finding as a sentence, and its source and vintage
written under the plot area. Colours are the Okabe-Ito colour-blind-safe palette; observed
figures are solid, projected ones dashed with their interval shaded.
"""

from __future__ import annotations

import json
import math

import pandas as pd
import plotly.graph_objects as go

from vigie.format_fr import ESPACE_MILLIERS, nombre, pourcentage

# Okabe & Ito (2008), "Color Universal Design": distinguishable with every colour-vision deficiency.
PALETTE = {
    "bleu": "#0072B2",
    "orange": "#E69F00",
    "vert": "#009E73",
    "vermillon": "#D55E00",
    "bleu_ciel": "#56B4E9",
    "pourpre": "#CC79A7",
    "jaune": "#F0E442",
    "gris": "#6b7785",
}
COULEUR_SEXE = {1: PALETTE["bleu"], 2: PALETTE["orange"]}
# Shaded intervals around a projection or forecast: the 95 % band lighter than the 80 % one.
BANDE_95 = "rgba(0, 114, 178, 0.12)"
BANDE_80 = "rgba(0, 114, 178, 0.25)"


def bandes_intervalle(fig: go.Figure, x, d, ligne=None, col=None, legende: bool = True) -> None:
    """Draw the 95 % then the 80 % band of `d` (columns bas_95, haut_95, bas_80, haut_80) along
    `x`; `ligne`/`col` place them in a subplot. One function, so every chart shades alike."""
    for niveau, couleur in (("95", BANDE_95), ("80", BANDE_80)):
        kw = dict(row=ligne, col=col) if ligne else {}
        fig.add_trace(
            go.Scatter(
                x=list(x) + list(x)[::-1],
                y=list(d[f"haut_{niveau}"]) + list(d[f"bas_{niveau}"])[::-1],
                fill="toself",
                fillcolor=couleur,
                line=dict(width=0),
                hoverinfo="skip",
                name=f"Fourchette à {niveau} %",
                legendgroup=f"bande{niveau}",
                showlegend=legende,
            ),
            **kw,
        )


_MISE_EN_PAGE = dict(
    template="plotly_white",
    font=dict(family="Source Sans Pro, Arial, sans-serif", size=15, color="#1b2631"),
    separators=f",{ESPACE_MILLIERS}",  # French decimal comma and thousands space in axes and hovers
    margin=dict(l=60, r=30, t=80, b=90),
    hoverlabel=dict(font_size=14),
)


def couper(texte: str, largeur: int = 60) -> str:
    """Wrap a sentence on several lines (`<br>`): Plotly does not wrap titles by itself."""
    lignes, courante = [], ""
    for mot in texte.split(" "):  # not split(): keep no-break spaces inside numbers
        if courante and len(courante) + 1 + len(mot) > largeur:
            lignes.append(courante)
            courante = mot
        else:
            courante = f"{courante} {mot}".strip()
    lignes.append(courante)
    return "<br>".join(lignes)


def habiller(
    fig: go.Figure,
    titre: str,
    source: str,
    hauteur: int = 460,
    largeur_titre: int = 52,
) -> go.Figure:
    """Apply the common layout: sentence title, legend under it, source line under the plot.

    Title and source are wrapped to the width of a half-page chart; margins grow with them so that
    nothing overlaps or is cut, on screen and in the exported images.
    """
    titre_coupe = couper(titre, largeur_titre)
    source_coupee = couper(source, 75)
    lignes_titre = titre_coupe.count("<br>") + 1
    lignes_source = source_coupee.count("<br>") + 1
    bas = 70 + 16 * lignes_source
    fig.update_layout(**_MISE_EN_PAGE)
    fig.update_layout(
        height=hauteur + 25 * (lignes_titre - 1) + 16 * (lignes_source - 1),
        margin=dict(t=30 + 25 * lignes_titre, b=bas),
        title=dict(text=titre_coupe, x=0, xanchor="left", font=dict(size=18)),
        # The legend stands at the right of the plot: it never collides with a long title.
        legend=dict(orientation="v", yanchor="top", y=1, xanchor="left", x=1.02),
    )
    fig.add_annotation(
        text=source_coupee,
        xref="paper",
        yref="paper",
        x=0,
        y=0,
        yshift=-(bas - 8),
        xanchor="left",
        yanchor="bottom",
        align="left",
        showarrow=False,
        font=dict(size=12, color=PALETTE["gris"]),
    )
    # Thousands with a space, never "16k" (an SI prefix reads as nothing to a council).
    fig.update_yaxes(tickformat=",.0f", separatethousands=True)
    return fig


def figure_evolution_population(indicateurs: pd.DataFrame, nom: str, source: str) -> go.Figure:
    """Population at each census year (columns annee, population)."""
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
        go.Scatter(
            x=donnees["annee"],
            y=donnees["population"],
            mode="lines+markers",
            line=dict(color=PALETTE["bleu"], width=3),
            name="Population recensée",
            hovertemplate="%{x} : %{y:,.0f} habitants<extra></extra>",
        )
    )
    fig.update_yaxes(title="habitants", rangemode="tozero")
    fig.update_xaxes(title="année de recensement (population au 1er janvier)")
    return habiller(fig, titre, source)


def figure_pyramide(
    pyramide: pd.DataFrame,
    annee: int,
    source: str,
    reference: pd.DataFrame | None = None,
    annee_reference: int | None = None,
) -> go.Figure:
    """Age pyramid by single age (columns sexe, age, population); men on the left.

    `reference`, when given, is an earlier year drawn as an outline to show the ageing.
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
                    line=dict(color="#1b2631", width=1.5, shape="hvh"),
                    name=f"{libelle} {annee_reference}",
                    customdata=r["population"],
                    hovertemplate=f"{libelle} {annee_reference}, %{{y}} ans : %{{customdata:,.0f}}"
                    "<extra></extra>",
                )
            )
    total = pyramide["population"].sum()
    age_moyen = (pyramide["age"] * pyramide["population"]).sum() / total if total else 0
    titre = f"En {annee}, la moitié des habitants a plus de {_age_median(pyramide)} ans"
    if reference is not None and annee_reference:
        titre += f" (âge moyen {nombre(age_moyen, 1)} ans)"
    borne = float(pyramide["population"].max()) * 1.1 if len(pyramide) else 1.0
    fig.update_layout(barmode="overlay", bargap=0.05)
    fig.update_xaxes(
        title="habitants par âge (hommes à gauche, femmes à droite)",
        range=[-borne, borne],
        tickformat=",.0f",
        tickprefix="",
    )
    # Show absolute values on both sides of the axis.
    pas = _pas_lisible(borne)
    graduations = [v for v in range(-int(borne // pas) * pas, int(borne) + 1, pas)]
    fig.update_xaxes(tickvals=graduations, ticktext=[nombre(abs(v)) for v in graduations])
    fig.update_yaxes(title="âge", dtick=10)
    return habiller(fig, titre, source, hauteur=580)


def _age_median(pyramide: pd.DataFrame) -> int:
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
    """Change in each service age group between two census years (columns annee, rang,
    groupe_age, population)."""
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
    return habiller(fig, titre, source)


def figure_naissances_deces(evenements: pd.DataFrame, source: str) -> go.Figure:
    """Births and deaths per year (columns annee, naissances, deces)."""
    d = evenements.sort_values("annee")
    recent = d.tail(5)
    solde = (recent["naissances"] - recent["deces"]).sum()
    if solde < 0:
        titre = (
            f"Depuis {int(recent['annee'].min())}, les décès dépassent les naissances "
            f"({nombre(-solde)} de plus en {len(recent)} ans)"
        )
    else:
        titre = (
            f"Depuis {int(recent['annee'].min())}, les naissances dépassent les décès "
            f"({nombre(solde)} de plus en {len(recent)} ans)"
        )
    fig = go.Figure()
    fig.add_trace(
        go.Scatter(
            x=d["annee"],
            y=d["naissances"],
            name="Naissances",
            mode="lines+markers",
            line=dict(color=PALETTE["vert"], width=3),
            hovertemplate="%{x} : %{y:,.0f} naissances<extra></extra>",
        )
    )
    fig.add_trace(
        go.Scatter(
            x=d["annee"],
            y=d["deces"],
            name="Décès",
            mode="lines+markers",
            line=dict(color=PALETTE["vermillon"], width=3, dash="dot"),
            hovertemplate="%{x} : %{y:,.0f} décès<extra></extra>",
        )
    )
    fig.update_yaxes(title="personnes par an", rangemode="tozero")
    return habiller(fig, titre, source)


def _couleur(part: float) -> str:
    """Light to dark blue (the palette's sky blue to blue) for a share in [0, 1]."""
    depart, arrivee = (222, 235, 247), (0, 114, 178)
    r, g, b = (round(a + (z - a) * part) for a, z in zip(depart, arrivee, strict=True))
    return f"rgb({r},{g},{b})"


def figure_carte_communes(
    communes: pd.DataFrame, nom_perimetre: str, source: str, hauteur: int = 620
) -> go.Figure:
    """Map of the communes of a perimeter coloured by population.

    Drawn as filled outlines on plain axes (longitude, latitude corrected by cos(latitude)), so it
    needs no tile server and no map files from the internet: it works offline and in exports.

    Args:
        communes: columns code_commune, nom_commune, population_municipale, annee, geojson
            (GeoJSON geometry text; rows without an outline are left out).
    """
    avec = communes.dropna(subset=["geojson"]).reset_index(drop=True)
    population = avec["population_municipale"]
    maxi = float(population.max()) if population.notna().any() else 0.0
    fig = go.Figure()
    latitudes = []
    for ligne in avec.itertuples():
        geometrie = json.loads(ligne.geojson)
        polygones = (
            [geometrie["coordinates"]]
            if geometrie["type"] == "Polygon"
            else geometrie["coordinates"]
        )
        xs, ys = [], []
        for polygone in polygones:
            exterieur = polygone[0]  # holes (rare for communes) are not drawn
            xs += [c[0] for c in exterieur] + [None]
            ys += [c[1] for c in exterieur] + [None]
        latitudes += [y for y in ys if y is not None]
        valeur = ligne.population_municipale
        texte = f"{ligne.nom_commune} ({ligne.code_commune})<br>" + (
            f"{nombre(valeur)} habitants" if pd.notna(valeur) else "population non importée"
        )
        fig.add_trace(
            go.Scatter(
                x=xs,
                y=ys,
                mode="lines",
                fill="toself",
                fillcolor=_couleur(valeur / maxi) if pd.notna(valeur) and maxi else "#eeeeee",
                line=dict(color="white", width=0.8),
                hoverinfo="text",
                hoveron="fills",
                text=texte,
                showlegend=False,
            )
        )
    if maxi:
        # An invisible point carries the colour scale.
        fig.add_trace(
            go.Scatter(
                x=[None],
                y=[None],
                mode="markers",
                showlegend=False,
                hoverinfo="skip",
                marker=dict(
                    color=[0, maxi],
                    cmin=0,
                    cmax=maxi,
                    colorscale=[[0, _couleur(0)], [1, _couleur(1)]],
                    showscale=True,
                    colorbar=dict(title="Habitants", tickformat=",.0f"),
                ),
            )
        )
    moyenne = sum(latitudes) / len(latitudes) if latitudes else 45.0
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False, scaleanchor="x", scaleratio=1 / math.cos(math.radians(moyenne)))
    if population.notna().any():
        plus = avec.loc[population.idxmax()]
        titre = (
            f"{nom_perimetre} : {nombre(population.sum())} habitants en {int(plus['annee'])} "
            f"dans {len(avec)} communes, dont {nombre(plus['population_municipale'])} à "
            f"{plus['nom_commune']}"
        )
    else:
        titre = f"{nom_perimetre} : {len(avec)} communes (population non importée)"
    habiller(fig, titre, source, hauteur=hauteur, largeur_titre=80)
    fig.update_layout(margin=dict(l=10, r=10), plot_bgcolor="white")
    return fig
