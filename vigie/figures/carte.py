"""Plotly figures of the Carte and Comparer pages, as pure functions (no streamlit), reused by exports.

The map is a `go.Choroplethmap` on MapLibre's "white-bg" style: a white background and no source at
all, so nothing is fetched (no tiles, no glyphs); the commune outlines come from the database. (The
`go.Choropleth` geo subplot was tried first: plotly.js fetches its world topology from cdn.plot.ly
even with `geo.visible=False`, and draws nothing offline.) Values are shown in classes (one colour
each) with a legend naming the method.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import plotly.colors
import plotly.graph_objects as go

from vigie.analyses.cartographie import Classes, Contours
from vigie.analyses.indicateurs_carte import Indicateur
from vigie.figures.graphiques import PALETTE, bandes_intervalle, couper, habiller
from vigie.format_fr import nombre, pourcentage

COULEUR_SANS_DONNEE = "#d9d9d9"
COULEUR_CONTOUR = "#ffffff"
COULEUR_SURLIGNAGE = "#1b2631"
# ColorBrewer schemes, readable with every colour-vision deficiency (Brewer 2003).
SEQUENTIELLE = plotly.colors.sequential.YlGnBu
DIVERGENTE = plotly.colors.diverging.PuOr  # orange = loss / shortfall, purple = gain / surplus


# The map is drawn full width in the page (about 1,000 px on a laptop, more on a projector): the
# zoom is chosen for this width so that the whole perimeter shows on a smaller screen too.
LARGEUR_CARTE_PX = 620
DOMAINE_CARTE = (0.0, 0.70)  # the map's share of the figure width; the legend stands at its right


def cadrage(contours: Contours, largeur_px: int, hauteur_px: int) -> tuple[dict, float]:
    """Centre and zoom (Web Mercator, 512 px tiles) that fit the outlines in the given size."""
    if contours.etendue is None:
        return {"lon": 2.5, "lat": 46.5}, 4.5  # France
    ouest, sud, est, nord = contours.etendue

    def mercator(lat: float) -> float:
        return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))

    largeur = max(est - ouest, 1e-4) / 360
    hauteur = max(mercator(nord) - mercator(sud), 1e-4) / (2 * math.pi)
    zoom = min(math.log2(largeur_px / 512 / largeur), math.log2(hauteur_px / 512 / hauteur))
    centre_y = (mercator(nord) + mercator(sud)) / 2
    centre = {
        "lon": (ouest + est) / 2,
        "lat": math.degrees(2 * math.atan(math.exp(centre_y)) - math.pi / 2),
    }
    return centre, round(zoom - 0.15, 2)  # a small margin around the perimeter


def hauteur_carte(contours: Contours) -> int:
    """Height in px of the map area that suits the perimeter's shape at LARGEUR_CARTE_PX wide."""
    if contours.etendue is None:
        return 520
    ouest, sud, est, nord = contours.etendue

    def mercator(lat: float) -> float:
        return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))

    rapport = ((mercator(nord) - mercator(sud)) / (2 * math.pi)) / max((est - ouest) / 360, 1e-6)
    return int(min(max(LARGEUR_CARTE_PX * rapport * 1.1, 380), 720))


def couleurs_classes(classes: Classes, divergente: bool = False) -> list[str]:
    """One colour per class: light to dark, or, around zero, orange below and purple above."""
    k = classes.nombre
    if not divergente:
        positions = np.linspace(0.12, 1.0, k) if k > 1 else [0.6]
        return plotly.colors.sample_colorscale(SEQUENTIELLE, list(positions))
    bornes = np.asarray(classes.bornes, dtype=float)
    milieux = (bornes[:-1] + bornes[1:]) / 2
    etendue = max(abs(bornes[0]), abs(bornes[-1])) or 1.0
    positions = np.clip(0.5 + 0.45 * milieux / etendue, 0.0, 1.0)
    return plotly.colors.sample_colorscale(DIVERGENTE, list(positions))


def libelles_classes(classes: Classes, indicateur: Indicateur, effectifs: list[int]) -> list[str]:
    """Legend labels: `de 12,0 % à 14,5 % (14 communes)`."""
    libelles = []
    for i in range(classes.nombre):
        bas, haut = classes.bornes[i], classes.bornes[i + 1]
        n = effectifs[i]
        communes = f"{n} commune{'s' if n > 1 else ''}"
        if bas == haut:
            libelles.append(f"{indicateur.texte(bas)} ({communes})")
        else:
            libelles.append(
                f"{indicateur.texte(bas, unite=False)} à {indicateur.texte(haut)} ({communes})"
            )
    return libelles


def titre_carte(valeurs: pd.DataFrame, indicateur: Indicateur, sujet: str) -> str:
    """A sentence stating what the map shows: the range and where the extremes are."""
    d = valeurs.dropna(subset=["valeur"])
    if d.empty:
        return f"{sujet} : aucune valeur pour ces communes"
    haut = d.loc[d["valeur"].idxmax()]
    bas = d.loc[d["valeur"].idxmin()]
    if indicateur.divergente:
        positifs = int((d["valeur"] > 0).sum())
        negatifs = int((d["valeur"] < 0).sum())
        mot = "manquent" if indicateur.format == "ecart" else "baisse"
        if indicateur.format == "ecart":
            return (
                f"{sujet} : {negatifs} commune{'s' if negatifs > 1 else ''} en manque, "
                f"{positifs} en excédent ; le plus fort manque à {bas['nom_commune']} "
                f"({indicateur.texte(bas['valeur'])})"
            )
        return (
            f"{sujet} : hausse dans {positifs} commune{'s' if positifs > 1 else ''}, {mot} "
            f"dans {negatifs} ; de {indicateur.texte(bas['valeur'])} à {bas['nom_commune']} "
            f"à {indicateur.texte(haut['valeur'])} à {haut['nom_commune']}"
        )
    return (
        f"{sujet} : de {indicateur.texte(bas['valeur'])} à {bas['nom_commune']} "
        f"à {indicateur.texte(haut['valeur'])} à {haut['nom_commune']}"
    )


def figure_carte(
    contours: Contours,
    valeurs: pd.DataFrame,
    indicateur: Indicateur,
    classes: Classes,
    sujet: str,
    source: str,
    surligner: str | None = None,
    hauteur: int | None = None,
) -> go.Figure:
    """Choropleth of the communes in classes, with names and French values in the hover.

    Args:
        contours: simplified outlines of the perimeter's communes.
        valeurs: one row per commune: code_commune, nom_commune, valeur, and `detail`
            (an extra hover line, may be empty).
        indicateur: what is mapped (formats the values).
        classes: class bounds (their method is named in the legend title).
        sujet: the indicator with its year and scenario ("Part des 75 ans ou plus en 2040 ...").
        source: the source line written under the map.
        surligner: a commune code drawn with a thick outline (the one chosen in the sidebar).
        hauteur: height of the map area in px (default: from the perimeter's shape).
    """
    hauteur = hauteur or hauteur_carte(contours)
    ids = contours.codes
    d = pd.DataFrame({"code_commune": ids}).merge(valeurs, on="code_commune", how="left")
    if "nom_commune" not in d or d["nom_commune"].isna().any():
        noms = {f["id"]: f["properties"]["nom"] for f in contours.collection["features"]}
        d["nom_commune"] = d["code_commune"].map(noms)
    if "detail" not in d:
        d["detail"] = ""
    d["detail"] = d["detail"].fillna("")
    indices = classes.indices(d["valeur"]) if classes.nombre > 0 else np.full(len(d), -1)
    d["classe"] = indices
    couleurs = couleurs_classes(classes, indicateur.divergente) if classes.nombre > 0 else []
    effectifs = [int((indices == i).sum()) for i in range(classes.nombre)]
    libelles = libelles_classes(classes, indicateur, effectifs)
    d["texte"] = [
        f"<b>{nom}</b> ({code})<br>{indicateur.texte(v)}" + (f"<br>{det}" if det else "")
        for nom, code, v, det in zip(
            d["nom_commune"], d["code_commune"], d["valeur"], d["detail"], strict=True
        )
    ]

    fig = go.Figure()
    avec = d[d["classe"] >= 0]
    k = max(classes.nombre, 1)
    if not avec.empty:
        # Stepped colour scale: class i occupies [i/k, (i+1)/k] in one flat colour.
        echelle = []
        for i, couleur in enumerate(couleurs):
            echelle += [[i / k, couleur], [(i + 1) / k, couleur]]
        fig.add_trace(
            go.Choroplethmap(
                geojson=contours.collection,
                locations=avec["code_commune"],
                z=avec["classe"].astype(float),
                zmin=-0.5,
                zmax=k - 0.5,
                colorscale=echelle,
                marker=dict(line=dict(color=COULEUR_CONTOUR, width=0.6)),
                customdata=np.stack([avec["code_commune"], avec["texte"]], axis=-1),
                selected=dict(marker=dict(opacity=1.0)),
                unselected=dict(marker=dict(opacity=1.0)),
                hovertemplate="%{customdata[1]}<extra></extra>",
                name=sujet,
                colorbar=dict(
                    title=dict(
                        text=f"{classes.libelle_methode}<br>{classes.nombre} classes",
                        font=dict(size=13),
                    ),
                    tickmode="array",
                    tickvals=list(range(classes.nombre)),
                    ticktext=libelles,
                    ticks="",
                    tickfont=dict(size=13),
                    thickness=22,
                    len=min(0.9, 0.12 * k + 0.2),
                    y=0.98,
                    yanchor="top",
                    x=DOMAINE_CARTE[1] + 0.01,
                    xanchor="left",
                    outlinewidth=0,
                ),
            )
        )
    sans = d[d["classe"] < 0]
    if not sans.empty:
        fig.add_trace(
            go.Choroplethmap(
                geojson=contours.sous_collection(sans["code_commune"]),
                locations=sans["code_commune"],
                z=np.zeros(len(sans)),
                colorscale=[[0, COULEUR_SANS_DONNEE], [1, COULEUR_SANS_DONNEE]],
                showscale=False,
                marker=dict(line=dict(color=COULEUR_CONTOUR, width=0.6)),
                customdata=np.stack([sans["code_commune"], sans["texte"]], axis=-1),
                hovertemplate="%{customdata[1]}<extra></extra>",
                name="Pas de donnée",
            )
        )
        fig.add_annotation(
            text=f"En gris : pas de donnée ({len(sans)} commune{'s' if len(sans) > 1 else ''})",
            xref="paper",
            yref="paper",
            x=DOMAINE_CARTE[1] + 0.01,
            y=0.02,
            xanchor="left",
            yanchor="bottom",
            showarrow=False,
            font=dict(size=13),
        )
    if surligner and surligner in set(ids):
        fig.add_trace(
            go.Choroplethmap(
                geojson=contours.sous_collection([surligner]),
                locations=[surligner],
                z=[0],
                colorscale=[[0, "rgba(0,0,0,0)"], [1, "rgba(0,0,0,0)"]],
                showscale=False,
                marker=dict(line=dict(color=COULEUR_SURLIGNAGE, width=3.5)),
                hoverinfo="skip",
                name="Commune choisie",
            )
        )
    centre, zoom = cadrage(contours, largeur_px=LARGEUR_CARTE_PX, hauteur_px=hauteur)
    fig.update_layout(
        map=dict(
            style="white-bg", center=centre, zoom=zoom, domain=dict(x=list(DOMAINE_CARTE), y=[0, 1])
        ),
        clickmode="event+select",
    )
    fig = habiller(
        fig, titre_carte(d, indicateur, sujet), source, hauteur=hauteur + 130, largeur_titre=90
    )
    fig.update_layout(margin=dict(l=10, r=10))
    return fig


def figure_trajectoire_commune(
    observe: pd.DataFrame, projete: pd.DataFrame, nom: str, source: str
) -> go.Figure:
    """A commune's population: census years (solid) then the central projection (dashed) with its
    80 % and 95 % intervals shaded.

    Args:
        observe: columns annee, population (census).
        projete: columns annee, population, bas_80, haut_80, bas_95, haut_95 (may be empty).
    """
    fig = go.Figure()
    o = observe.sort_values("annee")
    p = projete.sort_values("annee") if not projete.empty else projete
    if not p.empty and p["bas_95"].notna().any():
        bandes_intervalle(fig, p["annee"], p)  # the same shading as every other projection
    fig.add_trace(
        go.Scatter(
            x=o["annee"],
            y=o["population"],
            mode="lines+markers",
            line=dict(color=PALETTE["bleu"], width=3),
            name="Recensé",
            hovertemplate="%{x} : %{y:,.0f} habitants<extra></extra>",
        )
    )
    if not p.empty:
        fig.add_trace(
            go.Scatter(
                x=p["annee"],
                y=p["population"],
                mode="lines",
                line=dict(color=PALETTE["bleu"], width=3, dash="dash"),
                name="Projeté (scénario central)",
                hovertemplate="%{x} : %{y:,.0f} habitants<extra></extra>",
            )
        )
    titre = f"{nom} : population recensée et projetée"
    if not p.empty and not o.empty:
        fin = p.iloc[-1]
        titre = (
            f"{nom} : {nombre(o['population'].iloc[-1])} habitants en {int(o['annee'].iloc[-1])}, "
            f"{nombre(fin['population'])} projetés en {int(fin['annee'])}"
        )
    fig.update_yaxes(title="habitants", rangemode="tozero")
    fig.update_xaxes(title="année (population au 1er janvier)")
    return habiller(fig, titre, source, hauteur=420)


# --- Comparisons --------------------------------------------------------------------------------

COULEURS_NIVEAUX = {
    "commune": PALETTE["vermillon"],
    "epci": PALETTE["bleu"],
    "territoire": PALETTE["vert"],
    "departement": PALETTE["orange"],
    "region": PALETTE["pourpre"],
    "france": PALETTE["gris"],
}


def figure_comparaison_parts(
    reperes: pd.DataFrame, colonne: str, titre_indicateur: str, annees: list[int], source: str
) -> go.Figure:
    """Grouped bars: a share (part_0_2 or part_75_plus) for each perimeter, at a few years.

    Args:
        reperes: one row per perimeter and year: libelle, niveau, annee, the share column and
            optionally `projete` (True for projected years, drawn hatched).
    """
    fig = go.Figure()
    ordre = list(dict.fromkeys(reperes["libelle"]))
    teintes = [PALETTE["bleu_ciel"], PALETTE["bleu"], "#00466e", "#002a42"]
    for rang, annee in enumerate(annees):
        d = reperes[reperes["annee"] == annee].set_index("libelle").reindex(ordre)
        projete = bool(d.get("projete", pd.Series(dtype=bool)).fillna(False).any())
        fig.add_trace(
            go.Bar(
                x=[couper(libelle, 18) for libelle in ordre],
                y=d[colonne],
                name=f"{annee}{' (projeté)' if projete else ''}",
                marker=dict(
                    color=teintes[rang % len(teintes)],
                    pattern=dict(shape="/" if projete else "", fgcolor="white"),
                ),
                text=[pourcentage(v) if pd.notna(v) else "" for v in d[colonne]],
                textposition="outside",
                textfont=dict(size=11),
                hovertemplate="%{x}<br>" + f"{annee} : " + "%{text}<extra></extra>",
                cliponaxis=False,
            )
        )
    d_fin = reperes[reperes["annee"] == annees[-1]].dropna(subset=[colonne])
    if not d_fin.empty:
        haut = d_fin.loc[d_fin[colonne].idxmax()]
        titre = (
            f"{titre_indicateur} en {annees[-1]} : la plus forte pour {haut['libelle']} "
            f"({pourcentage(haut[colonne])})"
        )
    else:
        titre = titre_indicateur
    fig.update_layout(barmode="group", bargap=0.25)
    fig.update_yaxes(title="% des habitants", rangemode="tozero")
    fig.update_xaxes(tickfont=dict(size=13))
    fig = habiller(fig, titre, source, hauteur=460)
    # Small shares (0-2 year-olds, 2-3 %) need a decimal on the axis, or ticks repeat "3 %".
    plus_grande = reperes[colonne].max()
    fig.update_yaxes(tickformat=".1%" if pd.notna(plus_grande) and plus_grande < 0.1 else ".0%")
    # Half-page chart: the legend above the bars leaves them the whole width.
    fig.update_layout(
        legend=dict(orientation="h", x=0, y=1.0, yanchor="bottom", xanchor="left"),
        margin=dict(t=fig.layout.margin.t + 45, b=fig.layout.margin.b + 40),
        height=fig.layout.height + 85,
    )
    fig.layout.annotations[-1].yshift -= 40  # the source line stays under the longer labels
    fig.update_xaxes(tickangle=0, tickfont=dict(size=12))
    return fig


def figure_comparaison_trajectoires(
    series: pd.DataFrame, titre_groupe: str, annee_base: int, source: str
) -> go.Figure:
    """Population of each perimeter as an index (base 100 at the last census), observed then
    projected, with the 80 % interval of each perimeter where it was simulated.

    Args:
        series: columns libelle, niveau, annee, population, bas_80, haut_80, projete (bool).
    """
    fig = go.Figure()
    for libelle, d in series.groupby("libelle", sort=False):
        d = d.sort_values("annee")
        base = d.loc[d["annee"] == annee_base, "population"]
        if base.empty or not base.iloc[0]:
            continue
        base = float(base.iloc[0])
        couleur = COULEURS_NIVEAUX.get(d["niveau"].iloc[0], PALETTE["gris"])
        p = d[d["projete"]]
        if p["bas_80"].notna().any():
            rgb = plotly.colors.hex_to_rgb(couleur)
            fig.add_trace(
                go.Scatter(
                    x=pd.concat([p["annee"], p["annee"][::-1]]),
                    y=pd.concat([p["haut_80"], p["bas_80"][::-1]]) / base * 100,
                    fill="toself",
                    fillcolor=f"rgba({rgb[0]},{rgb[1]},{rgb[2]},0.15)",
                    line=dict(width=0),
                    hoverinfo="skip",
                    showlegend=False,
                    legendgroup=libelle,
                )
            )
        for projete, tirets in ((False, "solid"), (True, "dash")):
            s = d[d["projete"] == projete]
            if projete:  # join the projection to the last census
                s = pd.concat([d[(~d["projete"]) & (d["annee"] == annee_base)], s])
            if s.empty:
                continue
            fig.add_trace(
                go.Scatter(
                    x=s["annee"],
                    y=s["population"] / base * 100,
                    mode="lines",
                    line=dict(color=couleur, width=3, dash=tirets),
                    name=libelle,
                    legendgroup=libelle,
                    showlegend=not projete,
                    customdata=s["population"],
                    hovertemplate=f"{libelle}<br>"
                    + "%{x} : indice %{y:.1f} (%{customdata:,.0f} "
                    + f"{titre_groupe})<extra></extra>",
                )
            )
    fig.add_hline(y=100, line=dict(color=PALETTE["gris"], width=1, dash="dot"))
    titre = (
        f"{titre_groupe[0].upper()}{titre_groupe[1:]} : évolution comparée, base 100 en "
        f"{annee_base} (trait plein : recensé ; tirets : projeté, scénario central)"
    )
    fig.update_yaxes(title=f"indice (100 = {annee_base})", tickformat=".0f")
    fig.update_xaxes(title="année")
    fig = habiller(fig, titre, source, hauteur=460)
    fig.update_yaxes(tickformat=".0f")
    return fig
