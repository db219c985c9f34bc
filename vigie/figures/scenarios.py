"""Plotly figures of the Scénarios page: 2 to 4 scenarios side by side (pure functions, no st.).

Each scenario keeps one Okabe-Ito colour in every figure (in the order given, the first one being
the reference). Observed census figures are solid black; projected ones dashed with their 80 %
band shaded; capacity (facilities in service, the scenario's openings and closings included) is a
solid step line of the scenario's colour.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from vigie import textes
from vigie.analyses.scenarios import GROUPES_CLES, ResultatScenario
from vigie.figures.graphiques import PALETTE, habiller
from vigie.format_fr import nombre

UNITES_PLACES = ("places", "classes", "lits", "élèves")  # what a council builds or closes
COULEURS = [PALETTE["bleu"], PALETTE["vermillon"], PALETTE["vert"], PALETTE["pourpre"]]


def _transparent(couleur: str, alpha: float) -> str:
    r, g, b = (int(couleur[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgba({r}, {g}, {b}, {alpha})"


def _bande(fig, x, bas, haut, couleur, nom, groupe, **position) -> None:
    fig.add_trace(
        go.Scatter(
            x=pd.concat([x, x[::-1]]),
            y=pd.concat([haut, bas[::-1]]),
            fill="toself",
            fillcolor=_transparent(couleur, 0.13),
            line=dict(width=0),
            name=nom,
            legendgroup=groupe,
            showlegend=False,
            hoverinfo="skip",
        ),
        **position,
    )


def figure_population(
    resultats: list[ResultatScenario],
    histoire: pd.DataFrame,
    nom_perimetre: str,
    horizon: int,
    source: str,
) -> go.Figure:
    """Inhabitants per year: census (solid), each scenario (dashed, 80 % band shaded)."""
    fig = go.Figure()
    h = histoire.sort_values("annee")
    fig.add_trace(
        go.Scatter(
            x=h["annee"],
            y=h["population"],
            mode="lines+markers",
            line=dict(color="#1b2631", width=2),
            name="Recensements (observé)",
            hovertemplate="%{x} : %{y:,.0f} habitants<extra>observé</extra>",
        )
    )
    fins = []
    for i, r in enumerate(resultats):
        couleur = COULEURS[i % len(COULEURS)]
        t = r.total().sort_values("annee")
        if t["bas_80"].notna().any():
            _bande(fig, t["annee"], t["bas_80"], t["haut_80"], couleur, r.libelle, r.cle)
        fig.add_trace(
            go.Scatter(
                x=t["annee"],
                y=t["population"],
                mode="lines",
                line=dict(color=couleur, width=3, dash="dash"),
                name=r.libelle,
                legendgroup=r.cle,
                hovertemplate="%{x} : %{y:,.0f} habitants<extra>" + r.libelle + "</extra>",
            )
        )
        fins.append(float(t.loc[t["annee"] == horizon, "population"].iloc[0]))
    bas, haut = min(fins), max(fins)
    if len(resultats) > 1 and round(haut) != round(bas):
        titre = (
            f"{nom_perimetre} en {horizon} : de {nombre(_rond(bas))} à {nombre(_rond(haut))} "
            "habitants selon le scénario"
        )
    else:
        titre = f"{nom_perimetre} en {horizon} : {nombre(_rond(fins[0]))} habitants"
    fig.update_xaxes(title_text=None)
    fig.update_yaxes(title_text="habitants")
    return habiller(fig, titre, source, largeur_titre=80)


def _rond(x: float) -> float:
    return round(x / 10) * 10 if abs(x) >= 1000 else round(x)


def figure_groupes(resultats: list[ResultatScenario], horizon: int, source: str) -> go.Figure:
    """The key age groups (under 3, 3-5, 6-10, 11-14, 75+, 85+), one panel each."""
    groupes = list(GROUPES_CLES)
    fig = make_subplots(
        rows=2,
        cols=3,
        subplot_titles=[GROUPES_CLES[g] for g in groupes],
        horizontal_spacing=0.07,
        vertical_spacing=0.16,
    )
    for i, r in enumerate(resultats):
        couleur = COULEURS[i % len(COULEURS)]
        for k, groupe in enumerate(groupes):
            d = r.groupes[r.groupes["groupe_age"] == groupe].sort_values("annee")
            position = dict(row=k // 3 + 1, col=k % 3 + 1)
            if d["bas_80"].notna().any():
                _bande(fig, d["annee"], d["bas_80"], d["haut_80"], couleur, r.libelle, r.cle,
                       **position)  # fmt: skip
            fig.add_trace(
                go.Scatter(
                    x=d["annee"],
                    y=d["population"],
                    mode="lines",
                    line=dict(color=couleur, width=2.5, dash="dash"),
                    name=r.libelle,
                    legendgroup=r.cle,
                    showlegend=k == 0,
                    hovertemplate="%{x} : %{y:,.0f}<extra>" + r.libelle + "</extra>",
                ),
                **position,
            )
    titre = _titre_groupes(resultats, horizon)
    fig = habiller(fig, titre, source, hauteur=620, largeur_titre=90)
    fig.update_layout(margin=dict(t=fig.layout.margin.t + 30))  # room for the panel titles
    fig.update_yaxes(tickformat=",.0f", rangemode="tozero")
    return fig


def _titre_groupes(resultats: list[ResultatScenario], horizon: int) -> str:
    if len(resultats) < 2:
        return f"Les âges qui comptent pour les services, jusqu'en {horizon}"
    ref, autre = resultats[0], resultats[-1]  # the reference and the scenario being built
    ecarts = {}
    for groupe, libelle in GROUPES_CLES.items():
        a = ref.groupes[(ref.groupes["groupe_age"] == groupe) & (ref.groupes["annee"] == horizon)]
        b = autre.groupes[
            (autre.groupes["groupe_age"] == groupe) & (autre.groupes["annee"] == horizon)
        ]
        if len(a) and len(b) and float(a["population"].iloc[0]) > 0:
            ecarts[libelle] = float(b["population"].iloc[0]) / float(a["population"].iloc[0]) - 1
    if not ecarts:
        return f"Les âges qui comptent pour les services, jusqu'en {horizon}"
    libelle, valeur = max(ecarts.items(), key=lambda kv: abs(kv[1]))
    if abs(valeur) < 0.005:
        return f"Les âges clés varient peu d'un scénario à l'autre d'ici {horizon}"
    sens = "plus" if valeur > 0 else "moins"
    return (
        f"{libelle} : {nombre(abs(valeur) * 100, 0)} % de {sens} en {horizon} avec "
        f"« {autre.libelle} » qu'avec « {ref.libelle} »"
    )


def figure_service(
    resultats: list[ResultatScenario], service: str, horizon: int, source: str
) -> go.Figure:
    """One service: each scenario's need (dashed, 80 % band) and capacity (solid steps)."""
    fig = go.Figure()
    unite = ""
    morceaux = []
    for i, r in enumerate(resultats):
        couleur = COULEURS[i % len(COULEURS)]
        d = r.bilan.ecart[r.bilan.ecart["service"] == service].sort_values("annee")
        if d.empty:
            continue
        unite = str(d["unite"].iloc[0])
        if d["bas_80"].notna().any():
            _bande(fig, d["annee"], d["bas_80"], d["haut_80"], couleur, r.libelle, r.cle)
        fig.add_trace(
            go.Scatter(
                x=d["annee"],
                y=d["demande"],
                mode="lines",
                line=dict(color=couleur, width=3, dash="dash"),
                name=f"Besoin — {r.libelle}",
                legendgroup=r.cle,
                hovertemplate="%{x} : %{y:,.1f} " + unite + "<extra>besoin</extra>",
            )
        )
        if d["capacite"].notna().any():
            fig.add_trace(
                go.Scatter(
                    x=d["annee"],
                    y=d["capacite"],
                    mode="lines",
                    line=dict(color=couleur, width=2, shape="hv"),
                    name=f"Capacité — {r.libelle}",
                    legendgroup=r.cle,
                    hovertemplate="%{x} : %{y:,.0f} " + unite + "<extra>capacité</extra>",
                )
            )
        s = r.bilan.synthese.set_index("service")
        if service in s.index and s.loc[service, "comparabilite"] == "comparable":
            annee = s.loc[service, "premiere_annee"]
            morceaux.append(
                (
                    f"déficit dès {int(annee)}"
                    if pd.notna(annee)
                    else f"capacité suffisante jusqu'en {horizon}",
                    r.libelle,
                )
            )
    libelle = textes.libelle_service(service)
    if morceaux:
        # Scenarios with the same outcome are named together.
        groupes: dict[str, list[str]] = {}
        for issue, nom in morceaux:
            groupes.setdefault(issue, []).append(nom)
        titre = f"{libelle} : " + " ; ".join(
            f"{issue} ({', '.join(noms)})"
            if len(noms) < len(morceaux) or len(noms) == 1
            else f"{issue} dans les {len(noms)} scénarios"
            for issue, noms in groupes.items()
        )
    else:
        titre = f"{libelle} : besoin estimé jusqu'en {horizon}, sans capacité comparable"
    fig.update_yaxes(title_text=unite, rangemode="tozero")
    return habiller(fig, titre, source, largeur_titre=80)


def figure_couverture(resultats: list[ResultatScenario], horizon: int, source: str) -> go.Figure:
    """Capacity as a share of the need at the horizon, per service and scenario (100 % = just
    enough): one comparable measure across services counted in different units."""
    fig = go.Figure()
    services = []
    for i, r in enumerate(resultats):
        s = r.bilan.synthese
        s = s[
            (s["comparabilite"] == "comparable")
            & (s["demande"] > 0)
            & s["unite"].isin(UNITES_PLACES)
        ]
        if s.empty:
            continue
        services = [textes.libelle_service(x) for x in s["service"]]
        taux = s["capacite"] / s["demande"] * 100
        fig.add_trace(
            go.Bar(
                y=services,
                x=taux,
                orientation="h",
                name=r.libelle,
                marker_color=COULEURS[i % len(COULEURS)],
                text=[f"{nombre(v, 0)} %" for v in taux],
                textposition="outside",
                hovertemplate="%{y} : %{x:.0f} %<extra>" + r.libelle + "</extra>",
            )
        )
    plus_grand = max((max(trace.x) for trace in fig.data if len(trace.x)), default=100)
    fig.update_xaxes(range=[0, max(plus_grand, 100) * 1.15])  # room for the labels
    fig.add_vline(x=100, line=dict(color="#1b2631", width=1.5, dash="dot"))
    fig.update_layout(barmode="group", bargap=0.25)
    fig.update_yaxes(autorange="reversed", tickformat=None)
    fig.update_xaxes(title_text="capacité en % du besoin (100 % : juste assez)")
    titre = f"Couverture des besoins en {horizon} : en dessous de 100 %, des places manquent"
    fig = habiller(fig, titre, source, hauteur=140 + 70 * max(len(services), 1), largeur_titre=90)
    fig.update_yaxes(tickformat="")
    return fig
