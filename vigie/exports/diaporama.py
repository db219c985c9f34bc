"""Le diaporama PowerPoint : les écrans de la présentation (`vigie.exports.ecrans`) en diapositives
16:9 dont le texte reste modifiable (titres, messages, chiffres et notes sont des zones de texte) et
dont les graphiques sont les figures de l'application en images. python-pptx écrit le fichier ;
rien n'est demandé au réseau.
"""

from __future__ import annotations

import io

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.util import Cm, Pt

from vigie.exports import images
from vigie.exports.contenu import Dossier
from vigie.exports.ecrans import Ecran, ecrans

LARGEUR, HAUTEUR = Cm(33.867), Cm(19.05)  # 16:9
BLEU = RGBColor(0x00, 0x72, 0xB2)
ENCRE = RGBColor(0x1B, 0x26, 0x31)
GRIS = RGBColor(0x6B, 0x77, 0x85)
POLICE = "DejaVu Sans"  # falls back to the system sans-serif where it is not installed


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


def _diapo(presentation, ecran: Ecran, premiere: bool) -> None:
    diapo = presentation.slides.add_slide(presentation.slide_layouts[6])  # blank
    marge = Cm(1.2)
    utile = LARGEUR - 2 * marge
    if premiere:
        _texte(diapo, marge, Cm(5.5), utile, Cm(3), ecran.titre, 44, BLEU, True)
        _texte(diapo, marge, Cm(9), utile, Cm(2.5), ecran.message, 24)
        if ecran.note:
            _texte(diapo, marge, Cm(14), utile, Cm(3), ecran.note, 12, GRIS)
        return
    _texte(diapo, marge, Cm(0.6), utile, Cm(1.6), ecran.titre, 30, BLEU, True)
    figure = ecran.figure() if ecran.figure else None
    colonne = utile * 0.36 if figure is not None else utile
    haut = Cm(2.4)
    for texte, taille, couleur, gras in (
        (ecran.chiffre, 28, ENCRE, True),
        (ecran.fourchette, 16, GRIS, False),
        (ecran.message, 18, ENCRE, False),
    ):
        if not texte:
            continue
        hauteur = _hauteur(texte, taille, colonne)
        _texte(diapo, marge, haut, colonne, hauteur, texte, taille, couleur, gras)
        haut += hauteur + Cm(0.3)
    if ecran.note:
        _texte(diapo, marge, HAUTEUR - Cm(2.4), utile, Cm(2), ecran.note, 9, GRIS)
    if figure is not None:
        png = images.en_png(figure, largeur=1000, echelle=1.6)
        gauche = marge + colonne + Cm(0.6)
        largeur = utile - colonne - Cm(0.6)
        image = diapo.shapes.add_picture(io.BytesIO(png), gauche, Cm(2.3), width=largeur)
        hauteur_max = HAUTEUR - Cm(2.3) - Cm(2.6)
        if image.height > hauteur_max:  # a tall chart: fit the height instead
            rapport = hauteur_max / image.height
            image.height = int(hauteur_max)
            image.width = int(image.width * rapport)
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
