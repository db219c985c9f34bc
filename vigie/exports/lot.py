"""Les lots : les fiches de toutes les communes d'un territoire dans un ZIP, et tous les documents
d'un territoire écrits dans un dossier (pour `python -m vigie export`). L'avancement passe par une
fonction `avancer(message, fraction)`, montrée en barre de progression dans l'application et en
lignes dans la ligne de commande.
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from collections.abc import Callable
from pathlib import Path

from vigie.exports import classeur, contenu, diaporama, pdf
from vigie.stockage import base

Avancer = Callable[[str, float], None]


def nom_fichier(texte: str) -> str:
    """`Pays de démonstration` -> `pays-de-demonstration` (sûr sur tout système de fichiers)."""
    ascii_ = unicodedata.normalize("NFKD", texte).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_.lower()).strip("-") or "territoire"


def fiches_zip(
    con: base.Connexion,
    niveau: str,
    code: str,
    horizon: int = 2050,
    scenario: str = "central",
    avancer: Avancer | None = None,
) -> bytes:
    """La fiche PDF d'une page de chaque commune du périmètre, dans un ZIP (fichiers
    `<code>-<nom>.pdf`)."""
    communes = base.requete(con, "communes_du_perimetre", niveau=niveau, code=code)
    if communes.empty:
        raise contenu.ErreurExport(f"Aucune commune dans le périmètre {niveau} « {code} ».")
    flux = io.BytesIO()
    with zipfile.ZipFile(flux, "w", zipfile.ZIP_DEFLATED) as archive:
        for i, c in enumerate(communes.itertuples()):
            if avancer:
                avancer(f"Fiche {i + 1} sur {len(communes)} : {c.nom_commune}", i / len(communes))
            dossier = contenu.rassembler(
                con, "commune", c.code_commune, horizon, scenario, comparer=False
            )
            archive.writestr(
                f"{c.code_commune}-{nom_fichier(c.nom_commune)}.pdf",
                pdf.fiche_commune_pdf(dossier),
            )
    if avancer:
        avancer(f"{len(communes)} fiches prêtes", 1.0)
    return flux.getvalue()


DOCUMENTS = ("dossier", "diaporama", "classeur", "fiches")


def ecrire(
    con: base.Connexion,
    niveau: str,
    code: str,
    dossier_sortie: Path,
    documents: tuple[str, ...] = DOCUMENTS,
    horizon: int = 2050,
    scenario: str = "central",
    avancer: Avancer | None = None,
) -> list[Path]:
    """Écrit les documents choisis dans `dossier_sortie` ; chaque fichier est écrit sous un nom
    provisoire puis renommé, si bien qu'un export interrompu ne laisse jamais un fichier à moitié
    écrit. Rend les chemins."""
    dossier_sortie.mkdir(parents=True, exist_ok=True)
    avancer = avancer or (lambda message, fraction: None)
    avancer("Calcul des chiffres du territoire", 0.0)
    d = contenu.rassembler(con, niveau, code, horizon, scenario)
    prefixe = f"{nom_fichier(d.nom)}-{nom_fichier(scenario)}-{horizon}"
    produits = []
    etapes = [x for x in DOCUMENTS if x in documents]
    for i, quoi in enumerate(etapes):
        debut, fin = i / len(etapes), (i + 1) / len(etapes)
        if quoi == "dossier":
            avancer("Dossier de séance (PDF)", debut)
            nom, contenu_fichier = f"{prefixe}-dossier.pdf", pdf.dossier_pdf(d)
        elif quoi == "diaporama":
            avancer("Diaporama (PowerPoint)", debut)
            nom, contenu_fichier = f"{prefixe}-diaporama.pptx", diaporama.diaporama_pptx(d)
        elif quoi == "classeur":
            avancer("Classeur (Excel)", debut)
            nom, contenu_fichier = (
                f"{prefixe}-donnees.xlsx",
                classeur.classeur_xlsx(d, contenu.projection_communes(con, d)),
            )
        else:
            nom = f"{prefixe}-fiches-communes.zip"
            contenu_fichier = fiches_zip(
                con,
                niveau,
                code,
                horizon,
                scenario,
                lambda m, f, a=debut, b=fin: avancer(m, a + (b - a) * f),
            )
        chemin = dossier_sortie / nom
        provisoire = chemin.with_name(chemin.name + ".partiel")
        provisoire.write_bytes(contenu_fichier)
        provisoire.replace(chemin)
        produits.append(chemin)
    avancer("Terminé", 1.0)
    return produits
