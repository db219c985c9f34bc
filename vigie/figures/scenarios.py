"""Les figures de la page Scénarios : de 2 à 4 scénarios côte à côte (fonctions pures, sans st.).

Chaque scénario garde une couleur d'Okabe et Ito dans toutes les figures (dans l'ordre donné, le
premier étant la référence). Les recensements sont en trait plein noir ; les projections en
tirets avec leur fourchette à 80 % ombrée ; la capacité (équipements en service, ouvertures et
fermetures du scénario comprises) en escalier plein de la couleur du scénario.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from vigie import textes
from vigie.analyses.scenarios import GROUPES_CLES, ResultatScenario
from vigie.figures.styles import NOIR, PALETTE, bande_80, habiller, petits_multiples, trace_ligne
from vigie.format_fr import arrondi, nombre

UNITES_PLACES = ("places", "classes", "lits", "élèves")  # ce qu'un conseil construit ou ferme
COULEURS = [PALETTE["bleu"], PALETTE["vermillon"], PALETTE["vert"], PALETTE["pourpre"]]


def _projection(
    fig: go.Figure,
    r: ResultatScenario,
    d: pd.DataFrame,
    couleur: str,
    colonne: str,
    nom: str,
    fin_survol: str,
    format_survol: str = ",.0f",
    largeur: float = 3,
    ligne: int | None = None,
    col: int | None = None,
    **options,
) -> None:
    """La fourchette à 80 % puis la courbe projetée (tirets) d'un scénario, dans son groupe de
    légende ; le survol lit « 2040 : 12 345 » suivi de `fin_survol` (unité, `<extra>` nom)."""
    bande_80(fig, d, couleur, r.cle, r.libelle, ligne=ligne, col=col)
    position = dict(row=ligne, col=col) if ligne else {}
    survol = f"%{{x}} : %{{y:{format_survol}}} {fin_survol}</extra>".replace(" <extra>", "<extra>")
    fig.add_trace(
        trace_ligne(
            d["annee"],
            d[colonne],
            nom,
            survol,
            couleur=couleur,
            largeur=largeur,
            tirets="dash",
            legendgroup=r.cle,
            **options,
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
    """Les habitants par année : recensements (trait plein), chaque scénario (tirets, fourchette
    à 80 % ombrée)."""
    fig = go.Figure()
    h = histoire.sort_values("annee")
    fig.add_trace(
        trace_ligne(
            h["annee"],
            h["population"],
            "Recensements (observé)",
            "%{x} : %{y:,.0f} habitants<extra>observé</extra>",
            couleur=NOIR,
            largeur=2,
            marqueurs=True,
        )
    )
    fins = []
    for i, r in enumerate(resultats):
        couleur = COULEURS[i % len(COULEURS)]
        t = r.total().sort_values("annee")
        _projection(fig, r, t, couleur, "population", r.libelle, "habitants<extra>" + r.libelle)
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
    """La règle unique d'un chiffre projeté (`format_fr.arrondi`), jamais une règle à soi."""
    return arrondi(x)


def figure_groupes(resultats: list[ResultatScenario], horizon: int, source: str) -> go.Figure:
    """Les groupes d'âge clés (moins de 3 ans, 3-5, 6-10, 11-14, 75 ans ou plus, 85 ou plus), un
    petit graphique chacun."""
    groupes = list(GROUPES_CLES)
    fig = petits_multiples([GROUPES_CLES[g] for g in groupes])
    for i, r in enumerate(resultats):
        couleur = COULEURS[i % len(COULEURS)]
        for k, groupe in enumerate(groupes):
            d = r.groupes[r.groupes["groupe_age"] == groupe].sort_values("annee")
            _projection(
                fig,
                r,
                d,
                couleur,
                "population",
                r.libelle,
                "<extra>" + r.libelle,
                largeur=2.5,
                ligne=k // 3 + 1,
                col=k % 3 + 1,
                showlegend=k == 0,
            )
    titre = _titre_groupes(resultats, horizon)
    fig = habiller(fig, titre, source, hauteur=620, largeur_titre=90)
    fig.update_layout(margin=dict(t=fig.layout.margin.t + 30))  # la place des petits titres
    fig.update_yaxes(tickformat=",.0f", rangemode="tozero")
    return fig


def _titre_groupes(resultats: list[ResultatScenario], horizon: int) -> str:
    if len(resultats) < 2:
        return f"Les âges qui comptent pour les services, jusqu'en {horizon}"
    ref, autre = resultats[0], resultats[-1]  # la référence et le scénario en construction
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
    """Un service : le besoin de chaque scénario (tirets, fourchette à 80 %) et sa capacité
    (escalier plein)."""
    fig = go.Figure()
    unite = ""
    morceaux = []
    for i, r in enumerate(resultats):
        couleur = COULEURS[i % len(COULEURS)]
        d = r.bilan.ecart[r.bilan.ecart["service"] == service].sort_values("annee")
        if d.empty:
            continue
        unite = str(d["unite"].iloc[0])
        _projection(
            fig, r, d, couleur, "demande", f"Besoin — {r.libelle}", unite + "<extra>besoin", ",.1f"
        )
        if d["capacite"].notna().any():
            fig.add_trace(
                trace_ligne(
                    d["annee"],
                    d["capacite"],
                    f"Capacité — {r.libelle}",
                    "%{x} : %{y:,.0f} " + unite + "<extra>capacité</extra>",
                    couleur=couleur,
                    largeur=2,
                    forme="hv",
                    legendgroup=r.cle,
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
        # Les scénarios qui aboutissent au même constat sont nommés ensemble.
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
    """La capacité en part du besoin à l'horizon, par service et scénario (100 % = juste assez) :
    une même mesure pour des services comptés en unités différentes."""
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
    fig.update_xaxes(range=[0, max(plus_grand, 100) * 1.15])  # la place des étiquettes
    fig.add_vline(x=100, line=dict(color=NOIR, width=1.5, dash="dot"))
    fig.update_layout(barmode="group", bargap=0.25)
    fig.update_yaxes(autorange="reversed", tickformat=None)
    fig.update_xaxes(title_text="capacité en % du besoin (100 % : juste assez)")
    titre = f"Couverture des besoins en {horizon} : en dessous de 100 %, des places manquent"
    fig = habiller(fig, titre, source, hauteur=140 + 70 * max(len(services), 1), largeur_titre=90)
    fig.update_yaxes(tickformat="")
    return fig
