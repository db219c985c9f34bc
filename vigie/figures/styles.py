"""Le style commun des figures Vigie : palette, fourchettes ombrées, traits, titre et source.

Toutes les figures (pages et documents) passent par `habiller` (titre-phrase coupé, légende à droite,
ligne de source sous le graphique, milliers à la française) et tracent leurs fourchettes par
`bandes_intervalle`, leurs courbes par `trace_ligne` : un graphique observé est en trait plein, un
projeté en tirets avec sa fourchette ombrée, la fourchette à 80 % plus foncée que celle à 95 %.
Les couleurs sont la palette d'Okabe et Ito, lisible par tous les daltoniens.
"""

from __future__ import annotations

import math

import plotly.graph_objects as go
import plotly.io as pio
from plotly.subplots import make_subplots

from vigie.format_fr import ESPACE_MILLIERS, libelle_fourchette, pourcentage

# Okabe & Ito (2008), « Color Universal Design » : distinguables quel que soit le daltonisme.
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
NOIR = "#1b2631"  # le texte, les recensements d'une figure à plusieurs scénarios
COULEUR_SEXE = {1: PALETTE["bleu"], 2: PALETTE["orange"]}
# Opacité des fourchettes ombrées : celle à 95 % plus claire que celle à 80 %.
OPACITES_BANDES = {"95": 0.12, "80": 0.25}


def transparent(couleur: str, opacite: float) -> str:
    """`#0072B2` à l'opacité donnée : `rgba(0, 114, 178, 0.25)`."""
    r, g, b = (int(couleur[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgba({r}, {g}, {b}, {opacite})"


BANDE_95 = transparent(PALETTE["bleu"], OPACITES_BANDES["95"])
BANDE_80 = transparent(PALETTE["bleu"], OPACITES_BANDES["80"])


def bandes_intervalle(
    fig: go.Figure,
    x,
    d,
    ligne: int | None = None,
    col: int | None = None,
    legende: bool = True,
    *,
    niveaux: tuple[str, ...] = ("95", "80"),
    couleur: str = PALETTE["bleu"],
    opacites: dict[str, float] | None = None,
    nom: str | None = None,
    groupe: str | None = None,
    facteur: float = 1.0,
) -> None:
    """Ombre les fourchettes de `d` (colonnes bas_95, haut_95, bas_80, haut_80) le long de `x`.

    Une seule fonction, pour que chaque graphique ombre de la même façon.

    Args:
        fig: la figure où ajouter les traces.
        x: les abscisses (années, mois).
        d: les bornes, une ligne par abscisse.
        ligne, col: la case d'une figure à plusieurs graphiques (`make_subplots`).
        legende: montrer les fourchettes dans la légende.
        niveaux: les fourchettes tracées, la plus large d'abord ("95", "80").
        couleur: la teinte de l'ombre (celle de la courbe qu'elle entoure).
        opacites: l'opacité de chaque niveau (par défaut `OPACITES_BANDES`) ; plus légère quand
            plusieurs courbes se superposent.
        nom: le nom dans la légende (par défaut « Fourchette à 80 % »).
        groupe: le groupe de légende (par défaut un par niveau) ; celui de la courbe pour que
            cliquer sur la courbe masque aussi sa fourchette.
        facteur: multiplie les bornes (indice base 100, par exemple).
    """
    opacites = opacites or OPACITES_BANDES
    abscisses = list(x)
    position = dict(row=ligne, col=col) if ligne else {}
    for niveau in niveaux:
        haut = [v * facteur for v in d[f"haut_{niveau}"]]
        bas = [v * facteur for v in d[f"bas_{niveau}"]]
        fig.add_trace(
            go.Scatter(
                x=abscisses + abscisses[::-1],
                y=haut + bas[::-1],
                fill="toself",
                fillcolor=transparent(couleur, opacites[niveau]),
                line=dict(width=0),
                hoverinfo="skip",
                name=nom or libelle_fourchette(int(niveau), majuscule=True),
                legendgroup=groupe or f"bande{niveau}",
                showlegend=legende,
            ),
            **position,
        )


def bande_80(
    fig: go.Figure,
    d,
    couleur: str,
    groupe: str,
    nom: str | None = None,
    opacite: float = 0.13,
    facteur: float = 1.0,
    ligne: int | None = None,
    col: int | None = None,
) -> None:
    """La seule fourchette à 80 % d'une courbe parmi plusieurs (scénarios, périmètres comparés) :
    légère, hors de la légende, dans le groupe de sa courbe ; rien quand la courbe n'a pas de
    fourchette. `d` a les colonnes annee, bas_80, haut_80."""
    if d["bas_80"].notna().any():
        bandes_intervalle(
            fig,
            d["annee"],
            d,
            ligne,
            col,
            legende=False,
            niveaux=("80",),
            couleur=couleur,
            opacites={"80": opacite},
            nom=nom,
            groupe=groupe,
            facteur=facteur,
        )


def petits_multiples(titres: list[str]) -> go.Figure:
    """Une grille de 2 × 3 petits graphiques (les six groupes d'âge clés), un titre chacun."""
    return make_subplots(
        rows=2, cols=3, subplot_titles=titres, horizontal_spacing=0.07, vertical_spacing=0.16
    )


def trace_ligne(
    x,
    y,
    nom: str,
    survol: str,
    couleur: str = PALETTE["bleu"],
    largeur: float = 3,
    tirets: str | None = None,
    marqueurs: bool = False,
    forme: str | None = None,
    **options,
) -> go.Scatter:
    """Une courbe : trait plein pour l'observé, `tirets="dash"` pour le projeté.

    Args:
        x, y: les points.
        nom: le nom dans la légende.
        survol: le gabarit du survol (`hovertemplate`).
        couleur, largeur, tirets: le trait.
        marqueurs: un point à chaque valeur (recensements).
        forme: "hv" pour un escalier (une capacité change le jour d'une ouverture).
        options: les autres propriétés de `go.Scatter` (legendgroup, showlegend, customdata...).
    """
    return go.Scatter(
        x=x,
        y=y,
        mode="lines+markers" if marqueurs else "lines",
        line=dict(color=couleur, width=largeur, dash=tirets, shape=forme),
        name=nom,
        hovertemplate=survol,
        **options,
    )


# Le gabarit des figures : celui de `plotly_white`, réduit à sa mise en page et aux types de tracés
# que Vigie dessine. Le gabarit complet décrit une trentaine de types (3D, polaires...) et Plotly le
# recopie à chaque figure créée et à chaque `update_layout(template=...)` : ~40 ms par figure, une
# demi-seconde par page à chaque réexécution (issue 18, livrable 6, mesuré au profileur). Enregistré
# et pris par défaut à l'import : `go.Figure()` le pose sans le valider, et `habiller` ne le
# repasse pas à `update_layout` (qui le validait et le recopiait à chaque figure : issue 16).
GABARIT = "vigie"
_BLANC = pio.templates["plotly_white"]
pio.templates[GABARIT] = go.layout.Template(
    layout=_BLANC.layout,
    data={
        type_: getattr(_BLANC.data, type_)
        for type_ in ("bar", "scatter", "heatmap", "histogram", "choropleth", "pie", "table")
    },
)
pio.templates.default = GABARIT


def _gabarit_manquant(fig: go.Figure) -> bool:
    """Vrai quand ``fig`` n'a pas reçu le gabarit « vigie » : Streamlit, importé après ce module
    (dans les tests, ou une page qui l'importe en second), remet son propre gabarit par défaut
    (« streamlit ») ; la figure créée alors le porte, avec tous ses types de tracés."""
    gabarit = fig.layout.template
    return gabarit.layout.plot_bgcolor != _BLANC.layout.plot_bgcolor or bool(gabarit.data.scatter3d)


_MISE_EN_PAGE = dict(
    font=dict(family="Source Sans Pro, Arial, sans-serif", size=15, color=NOIR),
    separators=f",{ESPACE_MILLIERS}",  # virgule décimale et espace des milliers, axes et survols
    margin=dict(l=60, r=30, t=80, b=90),
    hoverlabel=dict(font_size=14),
)


def couper(texte: str, largeur: int = 60) -> str:
    """Coupe une phrase en plusieurs lignes (`<br>`) : Plotly ne coupe pas les titres lui-même."""
    lignes, courante = [], ""
    for mot in texte.split(" "):  # pas split() : garder les espaces insécables des nombres
        if courante and len(courante) + 1 + len(mot) > largeur:
            lignes.append(courante)
            courante = mot
        else:
            courante = f"{courante} {mot}".strip()
    lignes.append(courante)
    return "<br>".join(lignes)


NOM_SOURCE = "source"  # le nom de l'annotation de la source posée par `habiller`
# La source part à 10 px du bord gauche de la figure, pas du bord du tracé : coupée pour tenir
# dans une demi-page, elle dépassait à droite derrière la marge des graduations (issue 14).
BORD_SOURCE = 10


def habiller(
    fig: go.Figure,
    titre: str,
    source: str,
    hauteur: int = 460,
    largeur_titre: int = 44,
) -> go.Figure:
    """Applique la mise en page commune : titre-phrase, légende à droite, source sous le graphique.

    Titre et source sont coupés à la largeur d'un graphique d'une demi-page (par défaut) ; les
    marges grandissent avec eux pour que rien ne se chevauche ni ne soit coupé, à l'écran comme
    dans les images exportées. Une demi-page fait ~400 px à 1280 px de large, barre latérale
    ouverte : 44 caractères du titre (18 px) et 55 de la source (12 px) y tiennent (la source était
    coupée à 75 : issue 14). La source suit la largeur du titre (1,25 fois plus de caractères).
    """
    titre_coupe = couper(titre, largeur_titre)
    source_coupee = couper(source, round(largeur_titre * 1.25))
    lignes_titre = titre_coupe.count("<br>") + 1
    lignes_source = source_coupee.count("<br>") + 1
    bas = 70 + 16 * lignes_source
    if _gabarit_manquant(fig):
        pio.templates.default = GABARIT  # les figures suivantes le prennent à leur création
        fig.layout.template = pio.templates[GABARIT]
    # Une seule mise à jour de la mise en page (Plotly parcourt et valide à chaque appel).
    fig.update_layout(
        _MISE_EN_PAGE
        | dict(margin=_MISE_EN_PAGE["margin"] | dict(t=30 + 25 * lignes_titre, b=bas)),
        height=hauteur + 25 * (lignes_titre - 1) + 16 * (lignes_source - 1),
        title=dict(text=titre_coupe, x=0, xanchor="left", font=dict(size=18)),
        # La légende se tient à droite du graphique : elle ne heurte jamais un long titre.
        legend=dict(orientation="v", yanchor="top", y=1, xanchor="left", x=1.02),
    )
    fig.add_annotation(
        name=NOM_SOURCE,
        text=source_coupee,
        xref="paper",
        yref="paper",
        x=0,
        y=0,
        xshift=BORD_SOURCE - _MISE_EN_PAGE["margin"]["l"],
        yshift=-(bas - 8),
        xanchor="left",
        yanchor="bottom",
        align="left",
        showarrow=False,
        font=dict(size=12, color=PALETTE["gris"]),
    )
    # Les milliers avec une espace, jamais « 16k » (un préfixe SI ne dit rien à un conseil).
    fig.update_yaxes(tickformat=",.0f", separatethousands=True)
    return fig


def _sources(fig: go.Figure) -> list:
    return [a for a in fig.layout.annotations if a.name == NOM_SOURCE]


def marge_gauche(fig: go.Figure, pixels: int) -> go.Figure:
    """Fixe la marge gauche d'une figure habillée ; sa source reste à `BORD_SOURCE` du bord."""
    fig.update_layout(margin=dict(l=pixels))
    for source in _sources(fig):
        source.xshift = BORD_SOURCE - pixels
    return fig


def agrandir_le_bas(fig: go.Figure, pixels: int) -> go.Figure:
    """Donne `pixels` de plus sous le tracé d'une figure habillée (un titre d'axe sur deux lignes,
    des étiquettes inclinées), la source restant en bas : sans cela, elles la chevauchaient."""
    fig.update_layout(
        margin=dict(b=fig.layout.margin.b + pixels), height=fig.layout.height + pixels
    )
    for source in _sources(fig):
        source.yshift -= pixels
    return fig


def legende_au_dessus(fig: go.Figure, pixels: int) -> go.Figure:
    """La légende d'une figure habillée posée au-dessus du tracé, sous le titre, avec `pixels` de
    plus en haut pour elle : dans une demi-page, à droite, elle prenait la largeur du tracé. Le
    titre monte en haut du cadre : sur trois lignes, il chevauchait une légende de deux rangs à
    1280 px (issue 14)."""
    fig.update_layout(
        legend=dict(orientation="h", x=0, y=1.0, yanchor="bottom", xanchor="left"),
        title=dict(y=1.0, yref="container", yanchor="top", pad=dict(t=12)),
        margin=dict(t=fig.layout.margin.t + pixels),
        height=fig.layout.height + pixels,
    )
    return fig


# Pas des graduations d'un axe de parts, du plus fin au plus large.
_PAS_PARTS = (0.001, 0.002, 0.005, 0.01, 0.02, 0.025, 0.05, 0.1, 0.2, 0.25, 0.5, 1.0, 2.0)


def graduer_en_pourcent(fig: go.Figure, axe: str, haut: float, graduations: int = 6) -> None:
    """Gradue un axe de parts (0,5) à la française, « 50 % » avec l'espace insécable.

    Le format d'axe de Plotly (`tickformat=".0%"`) écrit « 50% » sans espace : les graduations
    sont posées ici (`tickvals`, `ticktext` par `pourcentage`), de 0 jusqu'à `haut` au moins.
    `tickformat` reste un format de part pour qui lit la figure (`tableau_figure`).
    """
    haut = haut if haut and math.isfinite(haut) and haut > 0 else 1.0
    pas = next((p for p in _PAS_PARTS if haut / p <= graduations), _PAS_PARTS[-1])
    valeurs = [round(i * pas, 6) for i in range(math.ceil(haut / pas - 1e-9) + 1)]
    decimales = 0 if all(float(round(v * 100, 6)).is_integer() for v in valeurs) else 1
    fig.update_layout(
        {
            f"{axe}axis": dict(
                tickmode="array",
                tickvals=valeurs,
                ticktext=[pourcentage(v, decimales) for v in valeurs],
                tickformat=".1%" if decimales else ".0%",
            )
        }
    )
