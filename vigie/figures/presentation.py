"""Les figures du vidéoprojecteur (page Présentation et diaporama) : les figures de l'application
mises à la taille d'un écran de séance, et les deux figures propres aux écrans de la présentation.

- `pour_projecteur` : texte à 20 px (au moins 18 px lisibles du fond de la salle), encre foncée
  sur blanc (contraste ≥ 4,5:1), pas de titre ni de source dans l'image : l'écran les dit une fois,
  au-dessus et en dessous.
- `figure_groupe` : un seul groupe d'âge (« les 75 ans et plus »), recensé puis projeté avec ses
  fourchettes, quand l'écran parle de ce groupe-là (et non des six petits graphiques de la page
  Population).
- `figure_couverture_pire_annee` : la capacité en part du besoin l'année la plus tendue de
  l'horizon, pas la seule dernière année : une barre à 101 % en 2050 ne cache plus un manque de
  2022 à 2049.

Pas de streamlit ici : fonctions pures, reprises par les exports.
"""

from __future__ import annotations

import re

import pandas as pd
import plotly.graph_objects as go

from vigie.figures.styles import (
    GABARIT,
    NOIR,
    NOM_SOURCE,
    PALETTE,
    bandes_intervalle,
    graduer_en_pourcent,
    trace_ligne,
)
from vigie.format_fr import ESPACE_MILLIERS, arrondi, libelle_fourchette, nombre, pourcentage

TAILLE_TEXTE = 20  # px : issue 18, « chart text ≥ 18 px » sur un vidéoprojecteur
HAUTEUR = 450  # px : tient sous le titre et au-dessus des boutons d'un écran de 1280 × 720
ENCRE_SECONDAIRE = "#3d4b5c"  # 9,6:1 sur blanc (le gris #808495 de Streamlit ne fait que 3,7:1)
# Marques : ≥ 3:1 sur blanc et distinguées sans la couleur (le libellé de la barre dit « manque »).
COULEUR_MANQUE = PALETTE["vermillon"]  # 3,6:1
COULEUR_SUFFISANT = PALETTE["bleu"]  # 5,0:1


def _luminance(rgb) -> float:
    """Luminance relative WCAG 2 d'une couleur (r, g, b) entre 0 et 1."""
    canaux = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb[:3]]
    return 0.2126 * canaux[0] + 0.7152 * canaux[1] + 0.0722 * canaux[2]


def contraste(couleur_a, couleur_b) -> float:
    """Le rapport de contraste WCAG 2 de deux couleurs (`#rrggbb`, nom, ou (r, g, b) de 0 à 1)."""
    from matplotlib.colors import to_rgb

    a, b = sorted((_luminance(to_rgb(couleur_a)), _luminance(to_rgb(couleur_b))), reverse=True)
    return (a + 0.05) / (b + 0.05)


def trait_lisible(couleur: str, minimum: float = 3.0) -> str:
    """La couleur d'un trait assombrie juste assez pour `minimum`:1 sur blanc (WCAG 1.4.11 :
    3:1 pour un élément graphique) ; l'orange d'Okabe et Ito (2,2:1) devient un orange brun,
    toujours distinct des autres couleurs de la palette."""
    from matplotlib.colors import to_hex, to_rgb

    try:
        rgb = to_rgb(couleur)
    except ValueError:
        return couleur
    facteur = 1.0
    while contraste("white", [c * facteur for c in rgb]) < minimum and facteur > 0:
        facteur -= 0.02
    return to_hex([c * facteur for c in rgb])


def _est_source(annotation) -> bool:
    """L'annotation de source que `habiller` place sous le graphique."""
    return annotation.name == NOM_SOURCE


def pour_projecteur(fig: go.Figure, hauteur: int = HAUTEUR) -> go.Figure:
    """Une copie de `fig` lisible au vidéoprojecteur : sans titre ni source (dits par l'écran),
    légende en haut, tout le texte à `TAILLE_TEXTE` px en encre foncée."""
    fig = go.Figure(fig)
    annotations = [a for a in fig.layout.annotations if not _est_source(a)]
    fig.layout.annotations = annotations  # update_layout(annotations=[]) les garderait
    fig.update_layout(
        title=None,
        height=hauteur,
        font=dict(size=TAILLE_TEXTE, color=NOIR),
        margin=dict(l=90, r=30, t=60, b=70),
        legend=dict(
            orientation="h",
            yanchor="bottom",
            y=1.02,
            xanchor="left",
            x=0,
            font=dict(size=TAILLE_TEXTE - 1, color=NOIR),
            entrywidth=0,  # entrées côte à côte, aussi larges que leur texte
        ),
        hoverlabel=dict(font_size=TAILLE_TEXTE),
    )
    axe = dict(
        tickfont=dict(size=TAILLE_TEXTE, color=NOIR),
        title_font=dict(size=TAILLE_TEXTE, color=NOIR),
        color=NOIR,
    )
    fig.update_xaxes(**axe)
    fig.update_yaxes(**axe)
    fig.update_annotations(font_size=TAILLE_TEXTE)
    for annotation in fig.layout.annotations:  # mots simples : un manque, pas un « déficit »
        if annotation.text and "déficit" in annotation.text:
            annotation.text = annotation.text.replace("déficit", "manque")
    for trace in fig.data:  # traits à 3:1 au moins sur blanc (les bandes restent claires exprès)
        if trace.type == "scatter" and trace.line.color and trace.fill in (None, "none"):
            trace.line.color = trait_lisible(trace.line.color)
    legendes = [t for t in fig.data if t.name and t.showlegend is not False]
    if len(legendes) > 4:
        # Beaucoup de courbes (les scénarios) : noms courts en colonne à droite, pour que la
        # légende ne mange pas la hauteur du graphique (« Fécondité haute (+0,2 enfant par
        # femme) » → « Fécondité haute »).
        for trace in legendes:
            trace.name = re.sub(r"\s*\([^)]*\)\s*$", "", trace.name) or trace.name
        fig.update_layout(
            legend=dict(orientation="v", yanchor="top", y=1, xanchor="left", x=1.02),
            margin=dict(t=20),
        )
    for trace in fig.data:
        if getattr(trace, "text", None) is not None and hasattr(trace, "textfont"):
            trace.textfont = dict(size=TAILLE_TEXTE, color=NOIR)
    return fig


def eventail_pour_projecteur(fig: go.Figure, gardes: tuple[str, ...]) -> go.Figure:
    """L'éventail des scénarios (déjà passé par `pour_projecteur`) ramené à ce qu'un écran dit :
    la fourchette, les recensements, les courbes nommées dans `gardes` (le central et le
    scénario présenté) en couleur, et les variantes standard en traits gris fins sous une seule
    entrée de légende, « Autres hypothèses ». Dix entrées ne tiennent pas à côté d'un graphique
    de 1280 × 720 : la légende défilait et cachait le scénario présenté. Chaque courbe garde son
    nom (bulle, tableau des chiffres)."""
    fig = go.Figure(fig)
    courts = {re.sub(r"\s*\([^)]*\)\s*$", "", g) or g for g in gardes}
    variantes = [
        t
        for t in fig.data
        if t.type == "scatter"
        and t.fill in (None, "none")
        and t.name not in (*gardes, *courts, "Population recensée")
    ]
    if not variantes:
        return fig
    gris = trait_lisible("#8a96a3")
    for trace in variantes:
        trace.update(
            line=dict(color=gris, width=1.5, dash="solid"),
            showlegend=False,
            legendgroup="variantes",
        )
    fig.add_trace(  # l'entrée de légende du groupe, rien de tracé
        go.Scatter(
            x=[None],
            y=[None],
            mode="lines",
            name=f"Autres hypothèses ({len(variantes)} variantes)",
            line=dict(color=gris, width=1.5),
            legendgroup="variantes",
            hoverinfo="skip",
        )
    )
    for trace in fig.data:  # le scénario présenté, d'une couleur franche
        if trace.name in gardes or trace.name in courts:
            if trace.name not in ("Scénario central",):
                trace.line.color = trait_lisible(PALETTE["vermillon"])
                trace.line.width = 4
    fig.update_layout(
        legend=dict(orientation="h", yanchor="bottom", y=1.02, xanchor="left", x=0),
        margin=dict(t=90),
    )
    return fig


def figure_groupe(
    observes: pd.DataFrame, projetes: pd.DataFrame, groupe: str, libelle: str
) -> go.Figure:
    """Un groupe d'âge : les recensements (trait plein, points) puis la projection (tirets) avec
    ses fourchettes à 80 % et 95 %. `observes` : annee, groupe_age, population ; `projetes` :
    les mêmes avec bas_80 .. haut_95."""
    o = observes[observes["groupe_age"] == groupe].sort_values("annee")
    p = projetes[projetes["groupe_age"] == groupe].sort_values("annee")
    fig = go.Figure()
    if not o.empty and not p.empty:
        dernier = o["population"].iloc[-1]
        depart = o.iloc[[-1]][["annee", "population"]].assign(
            bas_80=dernier, haut_80=dernier, bas_95=dernier, haut_95=dernier
        )
        p = pd.concat([depart, p], ignore_index=True)
    if not p.empty and p["bas_80"].notna().all():
        bandes_intervalle(fig, p["annee"], p)
    fig.add_trace(
        trace_ligne(
            o["annee"],
            o["population"],
            f"{libelle} recensés",
            "%{x} : %{y:,.0f}<extra>recensé</extra>",
            couleur=NOIR,
            marqueurs=True,
        )
    )
    fig.add_trace(
        trace_ligne(
            p["annee"],
            p["population"],
            "projection",
            "%{x} : %{y:,.0f}<extra>projeté</extra>",
            tirets="dash",
        )
    )
    fig.update_yaxes(rangemode="tozero", tickformat=",.0f", separatethousands=True)
    fig.update_layout(template=GABARIT, separators=f",{ESPACE_MILLIERS}", height=HAUTEUR)
    return pour_projecteur(fig)


def couverture_pire_annee(ecart: pd.DataFrame, synthese: pd.DataFrame) -> pd.DataFrame:
    """Par service comparable : l'année où la capacité couvre le moins le besoin, et cette part.

    Colonnes : service, libelle, annee, couverture (capacité / besoin), manque (booléen).
    """
    comparables = synthese.loc[synthese["comparabilite"] == "comparable", ["service", "libelle"]]
    e = ecart.merge(comparables, on="service")
    e = e[e["demande"] > 0].assign(couverture=lambda t: t["capacite"] / t["demande"])
    if e.empty:
        return pd.DataFrame(columns=["service", "libelle", "annee", "couverture", "manque"])
    pire = e.loc[e.groupby("service", sort=False)["couverture"].idxmin()]
    pire = pire.assign(manque=pire["couverture"] < 1)
    ordre = {s: i for i, s in enumerate(synthese["service"])}
    pire = pire.assign(rang=pire["service"].map(ordre)).sort_values("rang")
    return pire[["service", "libelle", "annee", "couverture", "manque"]].reset_index(drop=True)


def figure_couverture_pire_annee(pire: pd.DataFrame) -> go.Figure:
    """Une barre par service : la capacité en part du besoin l'année la plus tendue ; la barre
    est vermillon sous 100 % (à gauche du trait), bleue sinon ; son libellé dit la part et
    l'année."""
    s = pire.iloc[::-1]  # le premier service en haut
    fig = go.Figure(
        go.Bar(
            x=s["couverture"],
            y=s["libelle"],
            orientation="h",
            marker_color=[COULEUR_MANQUE if m else COULEUR_SUFFISANT for m in s["manque"]],
            # Libellé hors de la barre, encre foncée sur blanc : lisible quelle que soit sa couleur.
            text=[
                f"{pourcentage(c, 0)} ({int(a)})"
                for c, a in zip(s["couverture"], s["annee"], strict=True)
            ],
            textposition="outside",
            cliponaxis=False,
            hovertemplate="%{y} : %{text}<extra></extra>",
            name="capacité en part du besoin, l'année la plus tendue",
        )
    )
    fig.add_vline(x=1, line=dict(color=NOIR, width=2))
    haut = max(1.0, float(s["couverture"].max()) if len(s) else 1.0)
    fig.update_xaxes(
        title="capacité en % du besoin",
        range=[0, haut * 1.7],  # place pour le libellé après la plus longue barre
    )
    graduer_en_pourcent(fig, "x", haut * 1.7)
    fig.update_yaxes(title=None, automargin=True)
    fig.update_layout(
        template=GABARIT,
        separators=f",{ESPACE_MILLIERS}",
        showlegend=False,
        bargap=0.3,
    )
    return pour_projecteur(fig)


def _case(valeur, en_part: bool) -> str:
    """Une case du tableau à la règle unique : une part en `87 %`, un effectif observé (entier)
    exact, un effectif projeté (décimal) arrondi."""
    if valeur is None or valeur != valeur:
        return "–"
    if en_part:
        return pourcentage(valeur, 0)
    return nombre(valeur if float(valeur).is_integer() else arrondi(valeur))


def tableau_figure(fig: go.Figure) -> pd.DataFrame:
    """Les chiffres d'une figure en tableau (l'équivalent textuel du graphique) : une ligne par
    abscisse (ou par libellé d'une barre horizontale), une colonne par courbe ou série nommée.
    Les fourchettes ombrées (polygones remplis) sont dites par leurs bornes, pas recopiées."""
    colonnes: dict[str, pd.Series] = {}
    for trace in fig.data:
        axe = fig.layout.xaxis if getattr(trace, "orientation", None) == "h" else fig.layout.yaxis
        en_part = "%" in str(axe.tickformat or "")
        if trace.type not in ("scatter", "bar") or trace.x is None or trace.y is None:
            continue
        if all(v is None for v in trace.y):
            continue  # une entrée de légende seule (`eventail_pour_projecteur`)
        if getattr(trace, "fill", None) == "toself":
            # Une bande est un polygone : la borne haute à l'aller, puis la borne basse au retour.
            if "80" not in str(trace.name) or len(trace.x) % 2:
                continue
            moitie = len(trace.x) // 2
            x = list(trace.x[:moitie])
            haut, bas = list(trace.y[:moitie]), list(trace.y[moitie:])[::-1]
            if list(trace.x[moitie:])[::-1] != x:
                continue
            for nom, valeurs in (("bas", bas), ("haut", haut)):
                bande = pd.Series([_case(v, en_part) for v in valeurs], index=x)
                colonnes[f"{nom} de la {libelle_fourchette()}"] = bande[~bande.index.duplicated()]
            continue
        horizontale = getattr(trace, "orientation", None) == "h"
        cles, valeurs = (trace.y, trace.x) if horizontale else (trace.x, trace.y)
        nom = trace.name or f"série {len(colonnes) + 1}"
        while nom in colonnes:
            nom += " "
        serie = pd.Series([_case(v, en_part) for v in valeurs], index=list(cles))
        # Une série peut repasser par la même abscisse (l'année de base, commune à l'observé et au
        # projeté) : le tableau en garde la première valeur.
        colonnes[nom] = serie[~serie.index.duplicated()]
    if not colonnes:
        return pd.DataFrame()
    tableau = pd.DataFrame(colonnes).fillna("–")
    tableau.index.name = ""
    return tableau.reset_index()
