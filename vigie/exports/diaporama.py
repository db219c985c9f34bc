"""Le diaporama PowerPoint : les écrans de la présentation (`vigie.exports.ecrans`) en diapositives
16:9 dont le texte reste modifiable (titres, messages, chiffres et notes sont des zones de texte) et
dont les graphiques sont les figures de l'application en images. python-pptx écrit le fichier ;
rien n'est demandé au réseau.
"""

from __future__ import annotations

import io

import plotly.graph_objects as go
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.util import Cm, Pt

from vigie.exports import images
from vigie.exports.contenu import Dossier
from vigie.exports.ecrans import Ecran, ecrans

LARGEUR, HAUTEUR = Cm(33.867), Cm(19.05)  # 16:9
BLEU = RGBColor(0x00, 0x5A, 0x8C)  # 7,3:1 sur blanc
ENCRE = RGBColor(0x1B, 0x26, 0x31)
GRIS = RGBColor(0x3D, 0x4B, 0x5C)  # 9,6:1 sur blanc (l'ancien #6b7785 était à 4,6:1 à 9 pt)
POLICE = "DejaVu Sans"  # à défaut, la sans-serif du système là où elle n'est pas installée
MARGE = Cm(1.2)
PART_TEXTE = 0.32  # colonne de gauche d'une diapositive à graphique ; le graphique a le reste
# Le graphique est dessiné sur cette largeur en pixels Plotly : son texte de 20 px arrive alors à
# ≥ 14 pt sur la diapositive (20 px × 0,75 pt/px × (largeur du graphique sur la diapositive /
# largeur de rendu)).
LARGEUR_IMAGE = 760
TAILLE_MINIMALE = 14  # pt : texte lu du fond d'une salle du conseil


def _texte(diapo, gauche, haut, largeur, hauteur, texte, taille, couleur=ENCRE, gras=False):
    boite = diapo.shapes.add_textbox(gauche, haut, largeur, hauteur)
    cadre = boite.text_frame
    cadre.word_wrap = True
    paragraphe = cadre.paragraphs[0]
    paragraphe.text = texte
    for morceau in paragraphe.runs:
        morceau.font.size = Pt(taille)
        morceau.font.bold = gras
        morceau.font.color.rgb = couleur
        morceau.font.name = POLICE
    return boite


def _hauteur(texte: str, taille: float, largeur) -> int:
    """La hauteur d'une zone de texte à la ligne (DejaVu Sans : environ 0,58 em par caractère)."""
    par_ligne = max(1, int(largeur / Pt(taille * 0.58)))
    lignes = sum(max(1, -(-len(morceau) // par_ligne)) for morceau in texte.split("\n"))
    return int(Pt(taille * 1.25) * lignes + Cm(0.4))


def _taille_qui_tient(texte: str, taille: float, largeur, hauteur, minimum: float) -> float:
    """La plus grande taille (≤ `taille`, ≥ `minimum`) à laquelle `texte` tient dans la hauteur."""
    while taille > minimum and _hauteur(texte, taille, largeur) > hauteur:
        taille -= 0.5
    return taille


def _image(diapo, ecran: Ecran, figure, gauche, haut, largeur, hauteur) -> None:
    """Le graphique en image dans son cadre, avec son texte de remplacement (lecteurs d'écran,
    « Texte de remplacement » de PowerPoint) à la place du nom de fichier."""
    largeur_px = LARGEUR_IMAGE
    hauteur_px = int(largeur_px * hauteur / largeur)
    figure = go.Figure(figure).update_layout(height=hauteur_px)
    png = images.en_png(figure, largeur=largeur_px, echelle=2)
    image = diapo.shapes.add_picture(io.BytesIO(png), gauche, haut, width=largeur)
    if image.height > hauteur:  # jamais au-delà de la note du bas
        rapport = hauteur / image.height
        image.height = int(hauteur)
        image.width = int(image.width * rapport)
    proprietes = image._element.nvPicPr.cNvPr
    proprietes.set("descr", ecran.texte_alternatif or ecran.titre)
    proprietes.set("title", ecran.titre)
    proprietes.set("name", f"Graphique : {ecran.titre}"[:80])


def _diapo(presentation, ecran: Ecran, premiere: bool) -> None:
    diapo = presentation.slides.add_slide(presentation.slide_layouts[6])  # vide
    utile = LARGEUR - 2 * MARGE
    if premiere:
        _texte(diapo, MARGE, Cm(5.5), utile, Cm(3), ecran.titre, 44, BLEU, True)
        _texte(diapo, MARGE, Cm(9), utile, Cm(2.5), ecran.message, 24)
        if ecran.note:
            _texte(diapo, MARGE, Cm(13.5), utile, Cm(4.5), ecran.note, 14, GRIS)
        return
    _texte(diapo, MARGE, Cm(0.6), utile, Cm(1.6), ecran.titre, 30, BLEU, True)
    figure = ecran.figure() if ecran.figure else None
    note_taille = 12
    note_hauteur = _hauteur(ecran.note, note_taille, utile) if ecran.note else 0
    haut_note = HAUTEUR - Cm(0.5) - note_hauteur
    colonne = int(utile * PART_TEXTE) if figure is not None else utile
    haut = Cm(2.5)
    if figure is None and ecran.note:
        # Diapositive de texte (méthode et sources) : message, puis la note à la taille qui tient.
        taille = _taille_qui_tient(ecran.message, 22, colonne, Cm(5), TAILLE_MINIMALE)
        hauteur = _hauteur(ecran.message, taille, colonne)
        _texte(diapo, MARGE, haut, colonne, hauteur, ecran.message, taille)
        haut += hauteur + Cm(0.4)
        reste = HAUTEUR - Cm(0.6) - haut
        taille_note = _taille_qui_tient(ecran.note, 16, utile, reste, 9)
        _texte(diapo, MARGE, haut, utile, reste, ecran.note, taille_note, GRIS)
        diapo.notes_slide.notes_text_frame.text = ecran.message + "\n" + ecran.note
        return
    blocs = [
        (b, t, c, g)
        for b, t, c, g in (
            (ecran.chiffre, 28, ENCRE, True),
            (ecran.fourchette, 18, GRIS, False),
            (ecran.message, 20, ENCRE, False),
        )
        if b
    ]
    disponible = haut_note - haut - Cm(0.3) * len(blocs)
    facteur = 1.0
    while (
        facteur > 0.6
        and sum(_hauteur(b, max(TAILLE_MINIMALE, t * facteur), colonne) for b, t, _, _ in blocs)
        > disponible
    ):
        facteur -= 0.05
    for texte, taille, couleur, gras in blocs:
        taille = max(TAILLE_MINIMALE, round(taille * facteur * 2) / 2)
        hauteur = _hauteur(texte, taille, colonne)
        _texte(diapo, MARGE, haut, colonne, hauteur, texte, taille, couleur, gras)
        haut += hauteur + Cm(0.3)
    if ecran.note:
        _texte(diapo, MARGE, haut_note, utile, note_hauteur, ecran.note, note_taille, GRIS)
    if figure is not None:
        gauche = MARGE + colonne + Cm(0.6)
        _image(
            diapo,
            ecran,
            figure,
            gauche,
            Cm(2.3),
            utile - colonne - Cm(0.6),
            haut_note - Cm(2.3) - Cm(0.2),
        )
    diapo.notes_slide.notes_text_frame.text = ecran.message + (
        "\n" + ecran.note if ecran.note else ""
    )


def diaporama_pptx(d: Dossier) -> bytes:
    """Le diaporama du territoire et du scénario du dossier."""
    presentation = Presentation()
    presentation.slide_width, presentation.slide_height = LARGEUR, HAUTEUR
    presentation.core_properties.title = f"{d.nom} — {d.scenario.libelle}, horizon {d.horizon}"
    presentation.core_properties.author = "Vigie"
    presentation.core_properties.language = "fr-FR"
    for i, ecran in enumerate(ecrans(d)):
        _diapo(presentation, ecran, i == 0)
    flux = io.BytesIO()
    presentation.save(flux)
    return flux.getvalue()
