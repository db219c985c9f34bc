"""Vitesse et taille des documents pour le conseil, pour le Pays de démonstration, un EPCI et une
commune : rassemblement des chiffres, dossier PDF, diaporama PowerPoint, classeur Excel, une fiche
commune et une image de graphique.

Lancement : `python bench/bench_exports.py` (après `python -m vigie build`). Imprime un tableau ;
rien n'est affirmé (les tests n'affirment jamais de durées mesurées à l'horloge).
"""

from __future__ import annotations

import banc

from vigie import chemins
from vigie.exports import classeur, contenu, diaporama, images, pdf
from vigie.stockage import lecture


def main() -> None:
    catalogue = lecture.Catalogue(chemin=chemins.chemin_base())
    con = catalogue.curseur()
    print(f"{'périmètre':<28} {'étape':<24} {'durée (s)':>10} {'taille (Ko)':>12}")
    for niveau, code in (("territoire", "PAYSDEMO"), ("epci", "000000002"), ("commune", "00001")):
        duree, d = banc.chrono(lambda n=niveau, c=code: contenu.rassembler(con, n, c, 2050))
        lignes = [("rassembler les chiffres", duree, None)]
        for nom, fabrique in (
            ("dossier PDF", pdf.dossier_pdf),
            ("diaporama PPTX", diaporama.diaporama_pptx),
            ("classeur XLSX", classeur.classeur_xlsx),
        ):
            duree, octets = banc.chrono(lambda f=fabrique, d=d: f(d))
            lignes.append((nom, duree, len(octets)))
        if niveau == "commune":
            duree, octets = banc.chrono(lambda d=d: pdf.fiche_commune_pdf(d))
            lignes.append(("fiche commune PDF", duree, len(octets)))
        duree, octets = banc.chrono(lambda d=d: images.en_png(d.figure_projection()))
        lignes.append(("une image (matplotlib)", duree, len(octets)))
        for etape, duree, taille in lignes:
            texte_taille = f"{taille / 1024:,.0f}".replace(",", " ") if taille else ""
            print(f"{d.nom[:28]:<28} {etape:<24} {duree:>10.2f} {texte_taille:>12}")


if __name__ == "__main__":
    main()
