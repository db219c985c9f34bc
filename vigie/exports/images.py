"""Les images fixes des figures Plotly de l'application, dessinées par matplotlib : ni navigateur ni
réseau.

L'export d'image de Plotly (kaleido 1.x) pilote un navigateur Chrome ou Chromium, qu'un portable de
mairie n'a pas forcément et que kaleido propose de télécharger. Les documents redessinent plutôt
les mêmes objets `go.Figure` (faits par `vigie.figures.*` : titres, nombres, couleurs et sources
sont ceux de l'application) avec matplotlib, du Python pur avec sa propre police DejaVu Sans
(accents, espace fine insécable de `12 345`, signe moins).

Est traduit ce que les figures de Vigie emploient : les traces de points (courbes, marqueurs,
tirets, escaliers, bandes remplies `fill="toself"`), les barres (verticales ou horizontales,
groupées, empilées (« relative ») ou superposées, une couleur par barre, moustaches, texte dedans),
les sous-graphiques (domaines d'axes), les lignes verticales, les annotations placées sur la page,
sur les données ou sur le domaine d'un axe, les titres d'axes, les étendues, les graduations
choisies, les formats en pour cent et en milliers, la légende. Tout le reste (une carte, une carte
de chaleur) lève `ImageImpossible` avec le type de trace : les tests remarquent un nouveau genre de
figure plutôt que de le dessiner faux.
"""

from __future__ import annotations

import io
import re
import threading

import matplotlib

matplotlib.use("Agg")  # ni écran ni toolkit graphique : marche sur un serveur et dans les tests

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import plotly.graph_objects as go  # noqa: E402
from matplotlib import font_manager  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.ticker import FuncFormatter  # noqa: E402
from matplotlib.transforms import blended_transform_factory  # noqa: E402

from vigie.figures.presentation import contraste  # noqa: E402
from vigie.format_fr import nombre  # noqa: E402

PX = 1 / 100  # pouces par pixel Plotly : mise en page à 100 dpi, puis enregistrée à `echelle`
POLICE = "DejaVu Sans"  # livrée avec matplotlib : mêmes glyphes sous Linux, macOS et Windows
_VERROU = threading.Lock()  # le cache de polices et mathtext de matplotlib ne sont pas thread-safe
TIRETS = {
    "dash": (0, (5, 3)),
    "dot": (0, (1, 2)),
    "dashdot": (0, (5, 2, 1, 2)),
    "longdash": (0, (9, 3)),
    "longdashdot": (0, (9, 2, 1, 2)),
    "solid": "-",
    None: "-",
}
ETAPES = {"hv": "steps-post", "vh": "steps-pre", "hvh": "steps-mid", "vhv": "steps-mid"}


class ImageImpossible(ValueError):
    """Une figure emploie une possibilité de Plotly que le rendu des documents ne dessine pas."""


def chemin_police() -> str:
    """Le chemin du TTF DejaVu Sans livré avec matplotlib (incorporé aussi dans les PDF)."""
    return font_manager.findfont(
        font_manager.FontProperties(family=POLICE), fallback_to_default=True
    )


def texte_brut(texte: str | None) -> str:
    """Le petit HTML de Plotly (`<br>`, `<b>`, `&nbsp;`) en texte brut avec retours à la ligne."""
    if not texte:
        return ""
    texte = re.sub(r"<br\s*/?>", "\n", str(texte))
    texte = re.sub(r"<[^>]+>", "", texte)
    return texte.replace("&nbsp;", "\u00a0").replace("&amp;", "&")


def _couleur(valeur, defaut="#0072B2"):
    """Une couleur Plotly (`#hex`, `rgb()`, `rgba()`, un nom) sous une forme que matplotlib prend."""
    if valeur is None:
        return defaut
    if isinstance(valeur, str):
        m = re.match(r"rgba?\(([^)]+)\)", valeur.replace(" ", ""))
        if m:
            parts = [float(p) for p in m.group(1).split(",")]
            rgb = [p / 255 for p in parts[:3]]
            return (*rgb, parts[3] if len(parts) > 3 else 1.0)
    return valeur


def _formateur(format_plotly: str | None):
    """Les graduations à la française : `.0%` -> `40 %`, milliers avec une espace fine, virgule
    décimale."""
    if format_plotly and format_plotly.endswith("%"):
        decimales = int(re.sub(r"\D", "", format_plotly) or 0)
        return FuncFormatter(lambda v, _: nombre(v * 100, decimales) + "\u00a0%")

    def _nombre(v, _):
        if format_plotly is None and abs(v) < 10_000 and float(v).is_integer():
            # défaut de Plotly : pas de séparateur des milliers sous 10 000 (2030, pas 2 030)
            return ("\u2212" if v < 0 else "") + str(int(abs(v)))
        decimales = (
            0 if abs(v - round(v)) < 1e-9 else (1 if abs(v * 10 - round(v * 10)) < 1e-9 else 2)
        )
        texte = nombre(abs(v), decimales)
        return ("\u2212" + texte) if v < 0 and texte not in ("0", "0,0") else texte

    return FuncFormatter(_nombre)


def _nom_axe(ref: str, lettre: str) -> str:
    """`x` -> `xaxis`, `x3` -> `xaxis3`."""
    return f"{lettre}axis" + ref[1:]


def _domaine(layout, nom: str) -> tuple[float, float]:
    axe = layout[nom] if nom in layout else None
    domaine = getattr(axe, "domain", None) if axe is not None else None
    return tuple(domaine) if domaine else (0.0, 1.0)


def _legende_visible(fig: go.Figure) -> bool:
    if fig.layout.showlegend is False:
        return False
    montrees = [t for t in fig.data if t.showlegend is not False and t.name]
    return len(montrees) > 1 or any(t.showlegend for t in fig.data)


def _entrees_legende(fig: go.Figure) -> list:
    vus, entrees = set(), []
    for t in fig.data:
        if t.showlegend is False or not t.name:
            continue
        cle = t.legendgroup or t.name
        if cle in vus:
            continue
        vus.add(cle)
        entrees.append(t)
    return entrees


def en_png(
    fig: go.Figure,
    largeur: int = 1000,
    hauteur: int | None = None,
    echelle: float = 2,
    compression: int = 6,
) -> bytes:
    """La figure en PNG de `largeur` x `hauteur` pixels Plotly (×`echelle` pour l'impression).

    `compression` (0-9) : le niveau zlib ; 1 quand le PNG est de toute façon réencodé (dans un
    PDF).

    Raises:
        ImageImpossible: la figure a un type de trace que le rendu ne dessine pas.
    """
    with _VERROU, plt.rc_context({"font.family": POLICE, "axes.unicode_minus": True}):
        figure = dessiner(fig, largeur, hauteur)
        flux = io.BytesIO()
        figure.savefig(
            flux,
            format="png",
            dpi=100 * echelle,
            facecolor="white",
            pil_kwargs={"compress_level": compression},
        )
        plt.close(figure)
    return flux.getvalue()


def dessiner(fig: go.Figure, largeur: int = 1000, hauteur: int | None = None) -> Figure:
    """Dessine la figure Plotly sur une nouvelle figure matplotlib (Agg) et la rend."""
    for trace in fig.data:
        if trace.type == "scatter" and trace.fill not in (None, "none", "toself"):
            raise ImageImpossible(
                f"Le graphique « {texte_brut(fig.layout.title.text)[:60]} » remplit une trace en "
                f"« {trace.fill} », que l'export en image ne sait pas dessiner (utilisez toself)."
            )
        if trace.type not in ("scatter", "bar"):
            raise ImageImpossible(
                f"Le graphique « {texte_brut(fig.layout.title.text)[:60]} » contient une trace "
                f"« {trace.type} » que l'export en image ne sait pas dessiner."
            )
    layout = fig.layout
    largeur = int(largeur)
    hauteur = int(hauteur or layout.height or 450)
    marge = layout.margin
    gauche = marge.l if marge.l is not None else 80
    droite = marge.r if marge.r is not None else 80
    haut = marge.t if marge.t is not None else 100
    bas = marge.b if marge.b is not None else 80
    taille_police = (layout.font.size or 12) * 0.75  # px Plotly -> points à 100 dpi
    legende = _legende_visible(fig)
    entrees = _entrees_legende(fig) if legende else []
    legende_en_haut = layout.legend.orientation == "h"
    if entrees and not legende_en_haut:
        plus_long = max(len(texte_brut(t.name)) for t in entrees)
        droite = max(droite, min(int(plus_long * taille_police * 0.9 + 75), int(largeur * 0.4)))
    # Plotly élargit les marges pour loger libellés de catégories et titres d'axes (automargin) :
    # nous aussi.
    categories = [
        texte_brut(v)
        for t in fig.data
        if t.type == "bar" and t.orientation == "h" and t.y is not None
        for v in t.y
        if isinstance(v, str)
    ]
    if categories:
        gauche = max(gauche, int(max(len(c) for c in categories) * taille_police * 0.72 + 25))
    if any(layout[n].title.text for n in layout if n.startswith("yaxis") and layout[n].title):
        gauche = max(gauche, 95)
    lignes_titre = texte_brut(layout.title.text).count("\n") + 1 if layout.title.text else 0
    haut = max(haut, 22 + 26 * lignes_titre + (10 if entrees else 0))
    if entrees and legende_en_haut:
        rangs = -(-len(entrees) // (2 if largeur < 900 else 4))
        taille_legende_px = (layout.legend.font.size or layout.font.size or 12) * 0.75 / 0.72
        haut = max(haut, 24 + int(rangs * taille_legende_px * 1.7))

    figure = plt.figure(figsize=(largeur * PX, hauteur * PX), dpi=100)
    larg_trace = max(largeur - gauche - droite, 50)
    haut_trace = max(hauteur - haut - bas, 50)

    def vers_figure(x_papier: float, y_papier: float) -> tuple[float, float]:
        return (
            (gauche + x_papier * larg_trace) / largeur,
            (bas + y_papier * haut_trace) / hauteur,
        )

    # Un Axes matplotlib par paire (xaxis, yaxis) qu'utilisent les traces, placé sur son domaine.
    axes: dict[tuple[str, str], plt.Axes] = {}
    paires = list(dict.fromkeys((t.xaxis or "x", t.yaxis or "y") for t in fig.data)) or [("x", "y")]
    for xref, yref in paires:
        x0, x1 = _domaine(layout, _nom_axe(xref, "x"))
        y0, y1 = _domaine(layout, _nom_axe(yref, "y"))
        a, b = vers_figure(x0, y0)
        c, d = vers_figure(x1, y1)
        axe = figure.add_axes((a, b, c - a, d - b))
        axes[(xref, yref)] = axe
    par_x = {x: ax for (x, _), ax in axes.items()}

    _tracer(fig, axes, taille_police)
    for (xref, yref), axe in axes.items():
        _habiller_axes(axe, layout[_nom_axe(xref, "x")], layout[_nom_axe(yref, "y")], taille_police)
    _formes(fig, axes)
    _annotations(fig, figure, axes, par_x, vers_figure, largeur, hauteur, taille_police)

    titre = texte_brut(layout.title.text)
    if titre:
        taille_titre = (layout.title.font.size or 17) * 0.75
        # Plotly place le titre sur toute la figure (« container »), pas sur la zone de tracé.
        figure.text(
            (15 if layout.title.xref != "paper" else gauche) / largeur,
            1 - 12 / hauteur,
            titre,
            ha="left",
            va="top",
            fontsize=taille_titre,
            color="#1b2631",
            linespacing=1.25,
        )
    if entrees:
        taille_legende = (layout.legend.font.size or layout.font.size or 12) * 0.75
        if legende_en_haut:
            # Légende horizontale de Plotly au-dessus du tracé (figures du projecteur) : une
            # rangée d'entrées.
            x, y = vers_figure(0.0, 1.0)
            place = dict(
                loc="lower left",
                bbox_to_anchor=(x - 8 / largeur, y + 4 / hauteur),
                fontsize=taille_legende,
                handlelength=1.8,
                ncol=min(len(entrees), 2 if largeur < 900 else 4),
                columnspacing=1.2,
            )
        else:
            x, y = vers_figure(1.0, 1.0)
            place = dict(
                loc="upper left",
                bbox_to_anchor=(x + 10 / largeur, y),
                fontsize=min(taille_legende, taille_police),
                handlelength=2.2,
            )
        figure.legend(
            [_poignee(t) for t in entrees],
            [texte_brut(t.name) for t in entrees],
            frameon=False,
            **place,
        )
    return figure


def _tracer(fig: go.Figure, axes: dict, taille_police: float) -> None:
    """Dessine les traces, les barres selon le barmode de Plotly (group, relative, overlay, stack)."""
    mode_barres = fig.layout.barmode or "group"
    ecart_barres = fig.layout.bargap if fig.layout.bargap is not None else 0.2
    barres = [t for t in fig.data if t.type == "bar"]
    cumuls: dict = {}
    for trace in fig.data:
        axe = axes[(trace.xaxis or "x", trace.yaxis or "y")]
        if trace.visible is False:
            continue
        if trace.type == "scatter":
            _scatter(axe, trace)
            continue
        horizontal = trace.orientation == "h"
        positions = list(trace.y if horizontal else trace.x)
        valeurs = np.asarray(trace.x if horizontal else trace.y, dtype=float)
        couleurs = trace.marker.color if trace.marker and trace.marker.color is not None else None
        if isinstance(couleurs, (list, tuple)):
            couleurs = [_couleur(c) for c in couleurs]
        else:
            couleurs = _couleur(couleurs)
        largeur_barre = 1 - ecart_barres
        decalage = 0.0
        categories = isinstance(positions[0], str) if positions else False
        emplacement = (
            np.arange(len(positions)) if categories else np.asarray(positions, dtype=float)
        )
        if mode_barres == "group" and len(barres) > 1:
            rang = barres.index(trace)
            largeur_barre = (1 - ecart_barres) / len(barres)
            decalage = (rang - (len(barres) - 1) / 2) * largeur_barre
        base = np.zeros(len(valeurs))
        if mode_barres in ("relative", "stack"):
            positifs = cumuls.setdefault(("+", id(axe)), {})
            negatifs = cumuls.setdefault(("-", id(axe)), {})
            for i, (p, v) in enumerate(zip(emplacement, valeurs, strict=True)):
                pile = negatifs if (mode_barres == "relative" and v < 0) else positifs
                base[i] = pile.get(p, 0.0)
                pile[p] = base[i] + (0 if np.isnan(v) else v)
        emplacement = emplacement + decalage
        options = dict(color=couleurs, label=trace.name, zorder=2)
        if horizontal:
            rectangles = axe.barh(emplacement, valeurs, height=largeur_barre, left=base, **options)
        else:
            rectangles = axe.bar(emplacement, valeurs, width=largeur_barre, bottom=base, **options)
        if categories:
            (axe.set_yticks if horizontal else axe.set_xticks)(np.arange(len(positions)))
            (axe.set_yticklabels if horizontal else axe.set_xticklabels)(
                [texte_brut(p) for p in positions]
            )
        erreur = trace.error_x if horizontal else trace.error_y
        if erreur is not None and erreur.array is not None and erreur.visible is not False:
            plus = np.asarray(erreur.array, dtype=float)
            moins = np.asarray(
                erreur.arrayminus if erreur.arrayminus is not None else plus, dtype=float
            )
            fin = base + valeurs
            options_err = dict(
                fmt="none",
                ecolor=_couleur(erreur.color, "#1b2631"),
                elinewidth=erreur.thickness or 1.5,
                capsize=4,
                zorder=3,
            )
            if horizontal:
                axe.errorbar(fin, emplacement, xerr=[moins, plus], **options_err)
            else:
                axe.errorbar(emplacement, fin, yerr=[moins, plus], **options_err)
        if trace.text is not None and trace.textposition == "outside":
            textes = (
                trace.text if isinstance(trace.text, (list, tuple)) else [trace.text] * len(valeurs)
            )
            for rect, texte in zip(rectangles, textes, strict=False):
                if horizontal:
                    position = (
                        rect.get_x() + rect.get_width(),
                        rect.get_y() + rect.get_height() / 2,
                    )
                    alignement = dict(ha="left", va="center")
                else:
                    position = (
                        rect.get_x() + rect.get_width() / 2,
                        rect.get_y() + rect.get_height(),
                    )
                    alignement = dict(ha="center", va="bottom")
                axe.annotate(
                    " " + texte_brut(texte) if horizontal else texte_brut(texte),
                    position,
                    color="#1b2631",
                    fontsize=taille_police * 0.95,
                    zorder=4,
                    annotation_clip=False,
                    **alignement,
                )
        if trace.text is not None and trace.textposition in ("inside", "auto", None):
            textes = (
                trace.text if isinstance(trace.text, (list, tuple)) else [trace.text] * len(valeurs)
            )
            for rect, texte in zip(rectangles, textes, strict=False):
                if horizontal:
                    x = rect.get_x() + (
                        0.02 * rect.get_width()
                        if trace.insidetextanchor == "start"
                        else rect.get_width() / 2
                    )
                    axe.text(
                        x,
                        rect.get_y() + rect.get_height() / 2,
                        texte_brut(texte),
                        ha="left" if trace.insidetextanchor == "start" else "center",
                        va="center",
                        color=_encre_sur(rect.get_facecolor()),
                        fontsize=taille_police * 0.95,
                        zorder=4,
                    )
                else:
                    axe.text(
                        rect.get_x() + rect.get_width() / 2,
                        rect.get_y() + rect.get_height() / 2,
                        texte_brut(texte),
                        ha="center",
                        va="center",
                        color=_encre_sur(rect.get_facecolor()),
                        fontsize=taille_police * 0.95,
                        zorder=4,
                    )


def _encre_sur(fond) -> str:
    """Blanc sur une barre foncée, encre foncée sinon : le texte d'une barre garde 4,5:1 (issue 18 :
    le blanc sur le vert ou l'orange d'Okabe et Ito ne faisait que 3,4 à 3,9:1)."""
    return "white" if contraste("white", fond) >= 4.5 else "#1b2631"


def _scatter(axe, trace) -> None:
    x = list(trace.x) if trace.x is not None else []
    y = np.asarray(trace.y if trace.y is not None else [], dtype=float)
    if trace.fill == "toself":
        couleur = _couleur(trace.fillcolor, (0, 0.45, 0.7, 0.2))
        axe.fill(x, y, color=couleur, linewidth=0, label=trace.name, zorder=1)
        return
    mode = trace.mode or "lines"
    ligne = trace.line
    couleur = _couleur(ligne.color if ligne else None)
    if "lines" in mode:
        axe.plot(
            x,
            y,
            color=couleur,
            linewidth=(ligne.width if ligne and ligne.width is not None else 2) * 0.75,
            linestyle=TIRETS.get(ligne.dash if ligne else None, "-"),
            drawstyle=ETAPES.get(ligne.shape if ligne else None, "default"),
            marker="o" if "markers" in mode else None,
            markersize=5,
            label=trace.name,
            zorder=3,
        )
    elif "markers" in mode:
        marqueur = trace.marker
        couleur = _couleur(marqueur.color if marqueur else None, couleur)
        taille = marqueur.size if marqueur and marqueur.size else 8
        axe.scatter(x, y, color=couleur, s=(taille * 0.75) ** 2, label=trace.name, zorder=4)


def _habiller_axes(axe, axe_x, axe_y, taille_police: float) -> None:
    """Titres, étendues, graduations et grille dans le style `plotly_white` de Plotly."""
    axe.set_facecolor("white")
    for cote in ("top", "right", "left", "bottom"):
        axe.spines[cote].set_visible(False)
    axe.tick_params(labelsize=taille_police * 0.9, colors="#1b2631", length=0)
    axe.grid(True, color="#ebf0f8", linewidth=1, zorder=0)
    axe.set_axisbelow(True)
    for definition, horizontal in ((axe_x, True), (axe_y, False)):
        if definition is None:
            continue
        titre = texte_brut(definition.title.text) if definition.title else ""
        (axe.set_xlabel if horizontal else axe.set_ylabel)(titre, fontsize=taille_police * 0.95)
        categories = bool(axe.get_xticklabels() if horizontal else axe.get_yticklabels()) and any(
            t.get_text() and not _est_nombre(t.get_text())
            for t in (axe.get_xticklabels() if horizontal else axe.get_yticklabels())
        )
        if definition.range is not None:
            (axe.set_xlim if horizontal else axe.set_ylim)(*definition.range)
        elif definition.rangemode == "tozero":
            bas, haut = axe.get_xlim() if horizontal else axe.get_ylim()
            (axe.set_xlim if horizontal else axe.set_ylim)(min(0, bas), max(0, haut))
        if definition.tickvals is not None:
            (axe.set_xticks if horizontal else axe.set_yticks)(list(definition.tickvals))
            if definition.ticktext is not None:
                (axe.set_xticklabels if horizontal else axe.set_yticklabels)(
                    [texte_brut(t) for t in definition.ticktext]
                )
        elif not categories:
            formateur = _formateur(definition.tickformat)
            (axe.xaxis if horizontal else axe.yaxis).set_major_formatter(formateur)
            if definition.dtick:
                from matplotlib.ticker import MultipleLocator

                (axe.xaxis if horizontal else axe.yaxis).set_major_locator(
                    MultipleLocator(float(definition.dtick))
                )
        if definition.tickangle:
            for etiquette in axe.get_xticklabels() if horizontal else axe.get_yticklabels():
                etiquette.set_rotation(-definition.tickangle)
                etiquette.set_ha("right" if horizontal else "right")
        if definition.zeroline:
            (axe.axvline if horizontal else axe.axhline)(0, color="#1b2631", linewidth=1, zorder=1)
    if axe_y is not None and axe_y.autorange == "reversed":
        axe.invert_yaxis()


def _est_nombre(texte: str) -> bool:
    return bool(re.fullmatch(r"[\u2212\-−]?[\d\s\u202f\u00a0.,]+(\s?%)?", texte))


def _formes(fig: go.Figure, axes: dict) -> None:
    """Les lignes verticales et horizontales (`add_vline`, `add_hline`)."""
    premier = next(iter(axes.values()))
    for forme in fig.layout.shapes or ():
        if forme.type != "line":
            continue
        axe = axes.get(
            ((forme.xref or "x").split(" ")[0], (forme.yref or "y").split(" ")[0]), premier
        )
        ligne = forme.line
        style = dict(
            color=_couleur(ligne.color if ligne else None, "#1b2631"),
            linewidth=(ligne.width if ligne and ligne.width else 1) * 0.75,
            linestyle=TIRETS.get(ligne.dash if ligne else None, "-"),
            zorder=2,
        )
        if forme.x0 == forme.x1 and "domain" in (forme.yref or "") or forme.yref == "paper":
            axe.axvline(forme.x0, **style)
        elif forme.y0 == forme.y1 and ("domain" in (forme.xref or "") or forme.xref == "paper"):
            axe.axhline(forme.y0, **style)
        else:
            axe.plot([forme.x0, forme.x1], [forme.y0, forme.y1], **style)


def _annotations(fig, figure, axes, par_x, vers_figure, largeur, hauteur, taille_police) -> None:
    """Le texte placé sur la page (ligne de source, titres des sous-graphiques), sur les données
    ou sur le domaine d'un axe."""
    premier = next(iter(axes.values()))
    for note in fig.layout.annotations or ():
        texte = texte_brut(note.text)
        if not texte:
            continue
        taille = (note.font.size if note.font and note.font.size else 12) * 0.75
        couleur = note.font.color if note.font and note.font.color else "#1b2631"
        ha = {"left": "left", "right": "right"}.get(note.xanchor, "center")
        va = {"top": "top", "bottom": "bottom", "middle": "center"}.get(note.yanchor, "center")
        xref, yref = note.xref or "x", note.yref or "y"
        decalage_y = (note.yshift or 0) / hauteur
        decalage_x = (note.xshift or 0) / largeur
        options = dict(ha=ha, va=va, fontsize=taille, color=couleur, linespacing=1.2)
        if xref == "paper" and yref == "paper":
            x, y = vers_figure(note.x or 0, note.y or 0)
            figure.text(x + decalage_x, y + decalage_y, texte, **options)
            continue
        axe = par_x.get(xref.split(" ")[0], premier)
        tx = axe.transAxes if "domain" in xref or xref == "paper" else axe.transData
        ty = axe.transAxes if "domain" in yref or yref == "paper" else axe.transData
        axe.text(
            note.x,
            note.y,
            texte,
            transform=blended_transform_factory(tx, ty),
            clip_on=False,
            **options,
        )


def _poignee(trace):
    """Un repère de légende qui ressemble à la trace."""
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    if trace.type == "bar":
        couleur = trace.marker.color if trace.marker else None
        if isinstance(couleur, (list, tuple)):
            couleur = couleur[0]
        return Patch(color=_couleur(couleur))
    if trace.fill == "toself":
        return Patch(color=_couleur(trace.fillcolor))
    ligne = trace.line
    mode = trace.mode or "lines"
    if "lines" not in mode:
        couleur = trace.marker.color if trace.marker and trace.marker.color else None
        return Line2D([], [], color=_couleur(couleur), marker="o", linestyle="none")
    return Line2D(
        [],
        [],
        color=_couleur(ligne.color if ligne else None),
        linewidth=(ligne.width if ligne and ligne.width else 2) * 0.75,
        linestyle=TIRETS.get(ligne.dash if ligne else None, "-"),
        marker="o" if "markers" in mode else None,
    )
