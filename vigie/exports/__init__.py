"""Les documents de séance faits sur cet ordinateur, sans réseau : le « dossier de séance » en PDF
(`pdf.dossier_pdf`), la fiche d'une page par commune (`pdf.fiche_commune_pdf`) et leur lot pour
toutes les communes d'un territoire (`lot.fiches_zip`), le diaporama PowerPoint
(`diaporama.diaporama_pptx`), le classeur Excel (`classeur.classeur_xlsx`) et les écrans de la
présentation (`ecrans.ecrans`).

Tout part d'un `contenu.Dossier` (chiffres, phrases et graphiques d'un territoire et d'un scénario,
les mêmes que l'application) ; les graphiques deviennent des images par matplotlib
(`images.en_png`). Pas de streamlit ici : les pages Exporter et Présentation et
`python -m vigie export` l'appellent.
"""
