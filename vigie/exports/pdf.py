"""Les documents PDF pour le conseil : le « dossier de séance » d'un territoire et la « fiche
commune » d'une page.

Platypus, de ReportLab, met le flux en page (titres, paragraphes, graphiques de l'application en
images, tableaux coupés entre les pages avec leur en-tête répété) ; chaque page porte le
territoire, le scénario, la date et « page n sur N ». DejaVu Sans est incorporée (voir
`vigie.exports.polices`) : le PDF se lit de la même façon sur toute machine. Du Python pur : ni
navigateur ni réseau.
"""

from __future__ import annotations

import io
import math
from collections.abc import Sequence

import pandas as pd
from PIL import Image as ImagePIL
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfgen import canvas as canvas_pdf
from reportlab.platypus import (
    Image,
    KeepInFrame,
    KeepTogether,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from vigie import textes
from vigie.analyses import services
from vigie.exports import images, polices
from vigie.exports.contenu import METHODE, Dossier, hypotheses
from vigie.format_fr import LIBELLE_FOURCHETTE, arrondi, nombre, pourcentage

BLEU = colors.HexColor("#0072B2")
ENCRE = colors.HexColor("#1b2631")
GRIS = colors.HexColor("#4a5663")  # 7,5:1 sur blanc (issue 18 : le petit texte gris était à 4,6:1)
FOND = colors.HexColor("#eef3f8")
ROUGE = colors.HexColor("#B34E00")  # vermillon d'Okabe-Ito foncé à 5,2:1 pour le texte
ORANGE = colors.HexColor("#8F6300")  # orange d'Okabe-Ito foncé à 5,3:1 pour le texte
VERT = colors.HexColor("#007A59")  # vert d'Okabe-Ito foncé à 5,3:1 pour le texte
MARGE = 1.7 * cm
LARGEUR_UTILE = A4[0] - 2 * MARGE


def _styles() -> dict[str, ParagraphStyle]:
    polices.enregistrer()
    base = dict(fontName=polices.NORMALE, textColor=ENCRE, alignment=TA_LEFT)
    return {
        "titre": ParagraphStyle("titre", fontSize=22, leading=27, spaceAfter=6, **base),
        "sous_titre": ParagraphStyle(
            "sous_titre", fontSize=12, leading=16, spaceAfter=10, **{**base, "textColor": GRIS}
        ),
        "h1": ParagraphStyle(
            "h1",
            fontSize=16,
            leading=20,
            spaceBefore=6,
            spaceAfter=8,
            **{**base, "fontName": polices.GRASSE, "textColor": BLEU},
        ),
        "h2": ParagraphStyle(
            "h2",
            fontSize=12,
            leading=15,
            spaceBefore=8,
            spaceAfter=4,
            **{**base, "fontName": polices.GRASSE},
        ),
        "texte": ParagraphStyle("texte", fontSize=10, leading=14, spaceAfter=5, **base),
        "message": ParagraphStyle("message", fontSize=13, leading=18, spaceAfter=8, **base),
        "puce": ParagraphStyle(
            "puce", fontSize=10, leading=14, spaceAfter=3, leftIndent=12, bulletIndent=2, **base
        ),
        "petit": ParagraphStyle(
            "petit", fontSize=7.5, leading=9.5, spaceAfter=3, **{**base, "textColor": GRIS}
        ),
        "cellule": ParagraphStyle("cellule", fontSize=7.5, leading=9.2, **base),
        "entete": ParagraphStyle(
            "entete", fontSize=7.5, leading=9.2, **{**base, "fontName": polices.GRASSE}
        ),
    }


def _echapper(texte: str) -> str:
    """Un texte prêt pour un paragraphe ReportLab : `& < >` échappés, et aucune ligne coupée dans
    un nombre ni entre un signe et ce qu'il ferme. ReportLab coupe à chaque espace Unicode sauf
    l'insécable U+00A0 : l'espace fine des milliers (U+202F) en devient une (sinon « 3 / 770 »),
    et de même l'espace après « et avant », avant « : » et « ; »."""
    texte = str(texte).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    texte = texte.replace("\u202f", "\u00a0").replace("« ", "«\u00a0").replace(" »", "\u00a0»")
    return texte.replace(" :", "\u00a0:").replace(" ;", "\u00a0;")


def _graphique(fig, largeur: float, styles, largeur_px: int = 1000) -> list:
    """Un graphique suivi de son équivalent en texte : ReportLab n'écrit pas de PDF balisé (pas
    d'arbre de structure où loger un texte de remplacement), donc la phrase du titre du graphique
    est aussi écrite en texte sous l'image, lisible par un lecteur d'écran et par la recherche."""
    phrase = images.texte_brut(fig.layout.title.text).replace("\n", " ")
    bloc = [_image(fig, largeur, largeur_px)]
    if phrase:
        bloc.append(Paragraph(_echapper(f"Le graphique montre : {phrase}."), styles["petit"]))
    return bloc


def _image(fig, largeur: float, largeur_px: int = 1000) -> Image:
    """Un graphique de l'application en image de `largeur` points (hauteur selon ses proportions)."""
    # 1,6 × 1 000 px sur 17 cm font environ 240 dpi : net à l'impression ; ReportLab recompresse.
    png = images.en_png(fig, largeur=largeur_px, echelle=1.6, compression=1)
    with ImagePIL.open(io.BytesIO(png)) as im:
        l_px, h_px = im.size
    return Image(io.BytesIO(png), width=largeur, height=largeur * h_px / l_px)


# En-têtes des colonnes qui portent des chiffres projetés (arrondis par `format_fr.arrondi`) ; les
# chiffres observés (recensement, capacités) sont écrits exacts.
_COLONNES_PROJETEES = ("projet", "Projection", "Borne", "Besoin", "Écart", "Habitants en")


def texte_cellule(valeur, colonne: str = "") -> str:
    """Une valeur de tableau à la française : `12 345`, `478,3`, `–` pour une valeur manquante, les
    années en `2030`."""
    if valeur is None or (not isinstance(valeur, str) and pd.isna(valeur)):
        return "–"
    if isinstance(valeur, str):
        return valeur
    if (
        colonne.startswith("Année")
        or "déficit" in colonne.lower()
        or colonne
        in (
            "Ouverture",
            "Fermeture",
        )
    ):
        return str(int(valeur))
    valeur = float(valeur)
    if "%" in colonne and "(%)" in colonne:
        return nombre(valeur, 1)
    if any(mot in colonne for mot in _COLONNES_PROJETEES):
        # Chiffre projeté : la règle d'arrondi unique, comme dans le texte et les pages (issue 18).
        valeur = float(arrondi(valeur))
    decimales = 0 if valeur.is_integer() or abs(valeur) >= 100 else 1
    texte = nombre(abs(valeur), decimales)
    return ("\u2212" + texte) if valeur < 0 and texte.strip("0,") else texte


def _tableau(
    donnees: pd.DataFrame,
    styles: dict,
    largeurs: Sequence[float] | None = None,
    alignements: Sequence[str] | None = None,
) -> Table:
    """Un tableau coupé entre les pages, sa ligne d'en-tête répétée sur chacune."""
    colonnes = list(donnees.columns)
    lignes = [[Paragraph(_echapper(c), styles["entete"]) for c in colonnes]]
    for ligne in donnees.itertuples(index=False, name=None):
        lignes.append(
            [
                Paragraph(_echapper(texte_cellule(v, c)), styles["cellule"])
                for v, c in zip(ligne, colonnes, strict=True)
            ]
        )
    if largeurs is None:
        largeurs = [LARGEUR_UTILE / len(colonnes)] * len(colonnes)
    table = Table(lignes, colWidths=list(largeurs), repeatRows=1)
    style = [
        ("BACKGROUND", (0, 0), (-1, 0), FOND),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, ENCRE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]
    for i in range(2, len(lignes), 2):
        style.append(("BACKGROUND", (0, i), (-1, i), colors.HexColor("#f7f9fb")))
    table.setStyle(TableStyle(style))
    return table


class _CanevasNumerote(canvas_pdf.Canvas):
    """Écrit « page n sur N » une fois le nombre de pages connu (numérotation en deux passes)."""

    entete = ""
    pied = ""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._pages = []

    def showPage(self):  # noqa: N802 (API de ReportLab)
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self):
        total = len(self._pages)
        for etat in self._pages:
            self.__dict__.update(etat)
            self._decorer(total)
            super().showPage()
        super().save()

    def _decorer(self, total: int) -> None:
        largeur, hauteur = A4
        self.setFont(polices.NORMALE, 7.5)
        self.setFillColor(GRIS)
        if self._pageNumber > 1 or total == 1:
            self.drawString(MARGE, hauteur - 1.0 * cm, self.entete)
        self.drawString(MARGE, 0.9 * cm, self.pied)
        self.drawRightString(largeur - MARGE, 0.9 * cm, f"page {self._pageNumber} sur {total}")
        self.setStrokeColor(FOND)
        self.line(MARGE, 1.25 * cm, largeur - MARGE, 1.25 * cm)


def _canevas(entete: str, pied: str):
    return type("Canevas", (_CanevasNumerote,), {"entete": entete, "pied": pied})


def _document(flux, titre: str, auteur: str = "Vigie") -> SimpleDocTemplate:
    return SimpleDocTemplate(
        flux,
        pagesize=A4,
        leftMargin=MARGE,
        rightMargin=MARGE,
        topMargin=1.5 * cm,
        bottomMargin=1.6 * cm,
        title=titre,
        author=auteur,
        subject="Dossier produit par Vigie (aide à la décision territoriale), hors ligne",
        lang="fr-FR",
    )


def _date(d: Dossier) -> str:
    mois = [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ]
    return f"{d.date.day} {mois[d.date.month - 1]} {d.date.year}"


def _puces(alertes: list[services.Alerte], styles) -> list:
    couleurs = {
        services.DEFICIT: ("Manque", ROUGE),
        services.RISQUE: ("À surveiller", ORANGE),
        services.SUFFISANT: ("Suffisant", VERT),
        services.SANS_OBJET: ("Sans comparaison", GRIS),
    }
    elements = []
    for a in alertes:
        mot, couleur = couleurs[a.gravite]
        elements.append(
            Paragraph(
                f'<font color="{couleur.hexval().replace("0x", "#")}"><b>{mot}</b></font> — '
                f"{_echapper(a.texte)}",
                styles["puce"],
                bulletText="•",
            )
        )
    return elements


def dossier_pdf(d: Dossier) -> bytes:
    """Le « dossier de séance » : synthèse, population, services, écarts de capacité,
    scénarios, méthodes et sources, pour le territoire et le scénario du dossier."""
    st = _styles()
    flux = io.BytesIO()
    titre = f"Dossier de séance — {d.nom}"
    doc = _document(flux, titre)
    e: list = []

    # --- Synthèse ----------------------------------------------------------------------------
    e.append(Paragraph(_echapper(titre), st["titre"]))
    e.append(
        Paragraph(
            f"{_echapper(d.libelle_niveau)} · {_echapper(d.scenario.libelle)} · horizon "
            f"{d.horizon} · produit le {_date(d)}",
            st["sous_titre"],
        )
    )
    e.append(Paragraph("En bref", st["h1"]))
    e.append(Paragraph(_echapper(f"Aujourd'hui : {d.phrase_aujourdhui()}"), st["message"]))
    e.append(Paragraph(_echapper(d.phrase_population()), st["message"]))
    for g in d.evolution_groupes.itertuples():
        if g.groupe_age in ("0-2 ans", "75 ans et plus"):
            fourch = (
                f" ({LIBELLE_FOURCHETTE} : {nombre(arrondi(g.bas_80))} à {nombre(arrondi(g.haut_80))})"
                if pd.notna(g.bas_80)
                else ""
            )
            e.append(
                Paragraph(
                    _echapper(
                        f"{g.libelle} : {nombre(g.base)} en {g.annee_base}, environ "
                        f"{nombre(arrondi(g.population))} en {g.annee}{fourch}, soit "
                        f"{pourcentage(arrondi(g.population) / g.base - 1, 0, signe=True)}."
                    ),
                    st["puce"],
                    bulletText="•",
                )
            )
    e.append(Paragraph(f"Services d'ici {d.horizon}", st["h2"]))
    urgentes = [a for a in d.alertes if a.gravite in (services.DEFICIT, services.RISQUE)]
    e.extend(_puces(urgentes or d.alertes, st))
    if urgentes:
        autres = [a for a in d.alertes if a.gravite not in (services.DEFICIT, services.RISQUE)]
        e.extend(_puces(autres, st))
    e.append(Spacer(1, 6))
    e.append(Paragraph(_echapper(textes.PROJECTION_AVERTISSEMENT), st["petit"]))
    e.append(
        Paragraph(
            _echapper(
                f"Données : {d.millesimes}. Document produit par Vigie sur cet ordinateur, sans "
                "connexion : aucune donnée n'a été envoyée."
            ),
            st["petit"],
        )
    )

    # --- Population ---------------------------------------------------------------------------
    e.append(PageBreak())
    e.append(Paragraph("Population", st["h1"]))
    e.append(Paragraph(_echapper(d.phrase_population()), st["texte"]))
    e.extend(_graphique(d.figure_projection(), LARGEUR_UTILE, st))
    e.append(Spacer(1, 8))
    e.extend(_graphique(d.figure_groupes(), LARGEUR_UTILE, st))
    groupes = d.tableau_groupes()
    if not groupes.empty:
        e.append(
            KeepTogether(
                [
                    Paragraph("Les âges qui comptent pour les services", st["h2"]),
                    _tableau(groupes, st),
                    Paragraph(_echapper(d.source_projection), st["petit"]),
                ]
            )
        )
    e.extend(_graphique(d.figure_pyramide(), LARGEUR_UTILE * 0.85, st))
    e.extend(_graphique(d.figure_evolution(), LARGEUR_UTILE * 0.85, st))
    e.extend(_graphique(d.figure_composantes(), LARGEUR_UTILE, st))

    # --- Services -----------------------------------------------------------------------------
    e.append(PageBreak())
    e.append(Paragraph(f"Services : besoins et capacités d'ici {d.horizon}", st["h1"]))
    couverture = d.figure_couverture()
    if couverture is not None:
        e.extend(_graphique(couverture, LARGEUR_UTILE, st))
    tableau = d.tableau_services()
    if not tableau.empty:
        largeurs = [3.4, 1.9, 1.6, 1.5, 1.5, 1.6, 1.7, 1.4, 1.8]
        facteur = LARGEUR_UTILE / (sum(largeurs) * cm)
        e.append(_tableau(tableau, st, [w * cm * facteur for w in largeurs]))
        e.append(Paragraph(_echapper(d.source_services), st["petit"]))
    for service in d.services_a_detailler():
        alerte = next(a for a in d.alertes if a.service == service)
        e.append(
            KeepTogether(
                [
                    Paragraph(_echapper(textes.libelle_service(service)), st["h2"]),
                    Paragraph(_echapper(alerte.texte), st["texte"]),
                    *_graphique(d.figure_service(service), LARGEUR_UTILE * 0.92, st),
                ]
            )
        )

    # --- Écarts de capacité, année par année (un long tableau sur plusieurs pages) -------------
    ecarts = d.tableau_ecarts()
    if not ecarts.empty:
        e.append(PageBreak())
        e.append(Paragraph("Écarts de capacité, année par année", st["h1"]))
        e.append(
            Paragraph(
                "Écart = capacité en service − besoin projeté (négatif : capacité insuffisante). "
                f"« Déficit possible » : la borne haute de la {LIBELLE_FOURCHETTE} dépasse la "
                "capacité.",
                st["texte"],
            )
        )
        largeurs = [3.3, 1.7, 1.2, 1.8, 1.8, 1.8, 1.9, 1.9, 2.6]
        facteur = LARGEUR_UTILE / (sum(largeurs) * cm)
        e.append(_tableau(ecarts, st, [w * cm * facteur for w in largeurs]))
        e.append(Paragraph(_echapper(d.source_services), st["petit"]))

    # --- Scénarios comparés -------------------------------------------------------------------
    if not d.scenarios_compares.empty:
        e.append(PageBreak())
        e.append(Paragraph("Scénarios comparés", st["h1"]))
        e.append(
            Paragraph(
                "Chaque variante standard change une seule hypothèse du scénario central ; un "
                "scénario enregistré, les siennes (colonne « Hypothèses »). Les fourchettes ne "
                "sont simulées que pour le scénario central.",
                st["texte"],
            )
        )
        e.extend(_graphique(d.figure_eventail(), LARGEUR_UTILE, st))
        largeurs = [3.8, 3.4, 2.0, 2.4, 5.4]
        facteur = LARGEUR_UTILE / (sum(largeurs) * cm)
        e.append(_tableau(d.tableau_scenarios(), st, [w * cm * facteur for w in largeurs]))

    # --- Méthodes et sources ------------------------------------------------------------------
    e.append(PageBreak())
    e.append(Paragraph("Méthodes et sources", st["h1"]))
    e.append(Paragraph(_echapper(textes.PROJECTION_AVERTISSEMENT), st["texte"]))
    e.append(Paragraph("Méthode", st["h2"]))
    e.append(Paragraph(_echapper(METHODE), st["texte"]))
    if d.methode_intervalles:
        e.append(Paragraph(_echapper(f"Fourchettes : {d.methode_intervalles}"), st["texte"]))
    e.append(
        Paragraph(
            _echapper(
                f"Scénario de ce dossier : {d.scenario.libelle} — "
                f"{_hypotheses(d)}. Population de départ : recensement {d.annee_recensement}."
            ),
            st["texte"],
        )
    )
    e.append(Paragraph("Ratios de besoin utilisés", st["h2"]))
    e.append(_tableau(d.tableau_ratios(), st, [w * cm for w in (3.6, 5.5, 2.0, 6.4)]))
    e.append(Paragraph("Sources des données et millésimes", st["h2"]))
    sources = d.tableau_sources().drop(columns="Tables")
    e.append(_tableau(sources, st, [w * cm for w in (3.8, 6.2, 2.0, 3.0, 2.5)]))
    e.append(Spacer(1, 6))
    e.append(
        Paragraph(
            _echapper(
                f"Dossier produit le {_date(d)} par Vigie, sur cet ordinateur, à partir de la "
                "base construite localement ; aucune donnée n'a quitté l'ordinateur."
            ),
            st["petit"],
        )
    )

    entete = f"Vigie — {titre} — {d.scenario.libelle}, horizon {d.horizon}"
    doc.build(e, canvasmaker=_canevas(entete, f"Produit le {_date(d)} · Vigie, hors ligne"))
    return flux.getvalue()


def _hypotheses(d: Dossier) -> str:
    return hypotheses(d.scenario.parametres)


def fiche_commune_pdf(d: Dossier) -> bytes:
    """La fiche d'une page d'une commune : population et sa structure, projection, services et
    écarts. Quelle que soit la longueur de ses listes, elle tient sur une page (réduite s'il le
    faut)."""
    st = _styles()
    flux = io.BytesIO()
    titre = f"Fiche commune — {d.nom}"
    doc = _document(flux, titre)
    e: list = [
        Paragraph(_echapper(f"{d.nom} ({d.code})"), st["titre"]),
        Paragraph(
            f"Fiche commune · {_echapper(d.scenario.libelle)} · horizon {d.horizon} · {_date(d)}",
            st["sous_titre"],
        ),
    ]
    dernier = d.histoire.iloc[-1]
    f = d.fin
    chiffres = [
        ("Habitants", nombre(dernier["population"]), f"au 1er janvier {d.annee_recensement}"),
        (
            f"Habitants en {d.horizon}",
            f"environ {nombre(arrondi(f['population']))}",
            f"{nombre(arrondi(f['bas_80']))} à {nombre(arrondi(f['haut_80']))} ({LIBELLE_FOURCHETTE})"
            if pd.notna(f["bas_80"])
            else d.nom_scenario,
        ),
        (
            "Moins de 3 ans",
            nombre(dernier["population_0_2"]),
            f"{pourcentage(dernier['part_0_2'])} des habitants",
        ),
        (
            "75 ans ou plus",
            nombre(dernier["population_75_plus"]),
            f"{pourcentage(dernier['part_75_plus'])} des habitants",
        ),
    ]
    cellules = [
        [
            Paragraph(
                f'<font size="8" color="#4a5663">{_echapper(libelle)}</font><br/>'
                f'<font size="16"><b>{_echapper(valeur)}</b></font><br/>'
                f'<font size="7.5" color="#4a5663">{_echapper(note)}</font>',
                ParagraphStyle("chiffre", parent=st["texte"], leading=18),
            )
            for libelle, valeur, note in chiffres
        ]
    ]
    bloc = Table(cellules, colWidths=[LARGEUR_UTILE / 4] * 4)
    bloc.setStyle(
        TableStyle(
            [
                ("BOX", (0, 0), (0, 0), 0.5, FOND),
                ("BACKGROUND", (0, 0), (-1, -1), FOND),
                ("LINEAFTER", (0, 0), (-2, 0), 2, colors.white),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    e.append(bloc)
    e.append(Spacer(1, 6))
    e.append(Paragraph(_echapper(d.phrase_population()), st["texte"]))
    moitie = LARGEUR_UTILE / 2 - 4
    graphiques = Table(
        [[_image(d.figure_projection(), moitie, 720), _image(d.figure_pyramide(), moitie, 720)]],
        colWidths=[moitie + 4, moitie + 4],
    )
    graphiques.setStyle(
        TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)])
    )
    e.append(graphiques)
    e.append(Paragraph(f"Services et capacités d'ici {d.horizon}", st["h2"]))
    tableau = d.tableau_services()
    if tableau.empty:
        e.append(Paragraph("Aucun besoin calculé pour cette commune.", st["texte"]))
    else:
        largeurs = [3.4, 1.9, 1.6, 1.5, 1.5, 1.6, 1.7, 1.4, 1.8]
        facteur = LARGEUR_UTILE / (sum(largeurs) * cm)
        e.append(_tableau(tableau, st, [w * cm * facteur for w in largeurs]))
        e.append(Spacer(1, 6))
        e.extend(
            _puces([a for a in d.alertes if a.gravite in (services.DEFICIT, services.RISQUE)], st)
        )
    e.append(
        Paragraph(
            _echapper(
                "Les équipements servent souvent plusieurs communes (école de regroupement, "
                "collège de secteur, EHPAD) : à l'échelle d'une commune, comparez avec prudence. "
                f"{d.source_services}. {textes.PROJECTION_AVERTISSEMENT}"
            ),
            st["petit"],
        )
    )
    hauteur = A4[1] - doc.topMargin - doc.bottomMargin - 12
    doc.build(
        [KeepInFrame(LARGEUR_UTILE, hauteur, e, mode="shrink")],
        canvasmaker=_canevas(f"Vigie — {titre}", f"Produit le {_date(d)} · Vigie, hors ligne"),
    )
    return flux.getvalue()


def pages(pdf: bytes) -> int:
    """Le nombre de pages d'un PDF fait ici (pour les messages d'avancement et les contrôles)."""
    return max(1, math.ceil(pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages")))
